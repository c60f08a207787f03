package dev.lacy.core.scene;

/**
 * A model's {@code pixel_values} of an image: a bilinear resize to {@code size} x {@code size}
 * (pixel centers aligned, edges clamped), values scaled to [0, 1], then per-channel
 * {@code (v - mean) / std}, channel-first. One definition for the runtime that feeds a model and
 * the trainer that trains it, so both see the same numbers.
 */
public final class PixelValues {

    private PixelValues() {
    }

    /** {@code [3, size, size]}, row-major. */
    public static float[] of(RgbImage image, int size, float[] mean, float[] std) {
        if (size <= 0 || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("pixel values need a positive size and three means and deviations");
        }
        float[] out = new float[3 * size * size];
        int width = image.width();
        int height = image.height();
        byte[] rgb = image.sharedBytes();
        double sx = (double) width / size;
        double sy = (double) height / size;
        // each column's source pixels and weight, computed once instead of once per row (the same numbers)
        int[] left = new int[size];
        int[] right = new int[size];
        double[] weight = new double[size];
        for (int x = 0; x < size; x++) {
            double fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
            int x0 = (int) fx;
            left[x] = 3 * x0;
            right[x] = 3 * Math.min(width - 1, x0 + 1);
            weight[x] = fx - x0;
        }
        for (int y = 0; y < size; y++) {
            double fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int top0 = 3 * y0 * width;
            int bottom0 = 3 * Math.min(height - 1, y0 + 1) * width;
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double wx = weight[x];
                for (int c = 0; c < 3; c++) {
                    double top = (rgb[top0 + left[x] + c] & 0xff) * (1 - wx) + (rgb[top0 + right[x] + c] & 0xff) * wx;
                    double bottom = (rgb[bottom0 + left[x] + c] & 0xff) * (1 - wx) + (rgb[bottom0 + right[x] + c] & 0xff) * wx;
                    float value = (float) ((top * (1 - wy) + bottom * wy) / 255.0);
                    out[(c * size + y) * size + x] = (value - mean[c]) / std[c];
                }
            }
        }
        return out;
    }
}
