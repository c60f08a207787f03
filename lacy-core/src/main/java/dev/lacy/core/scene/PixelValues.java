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
        double sx = (double) image.width() / size;
        double sy = (double) image.height() / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.min(image.height() - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(image.height() - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = Math.min(image.width() - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(image.width() - 1, x0 + 1);
                double wx = fx - x0;
                int p00 = image.pixel(x0, y0);
                int p01 = image.pixel(x1, y0);
                int p10 = image.pixel(x0, y1);
                int p11 = image.pixel(x1, y1);
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double top = (p00 >> shift & 0xff) * (1 - wx) + (p01 >> shift & 0xff) * wx;
                    double bottom = (p10 >> shift & 0xff) * (1 - wx) + (p11 >> shift & 0xff) * wx;
                    float value = (float) ((top * (1 - wy) + bottom * wy) / 255.0);
                    out[(c * size + y) * size + x] = (value - mean[c]) / std[c];
                }
            }
        }
        return out;
    }
}
