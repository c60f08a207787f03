package dev.lacy.onnx.runtime;

import dev.lacy.core.scene.RgbImage;

/**
 * PIL's antialiased bicubic resize of 8-bit RGB, as {@code Image.resize(size, Image.BICUBIC)} computes it (Pillow's
 * {@code Resample.c}): a separable convolution with the bicubic kernel (a = -0.5) widened by the downscale factor, its
 * weights normalised and turned into 22-bit fixed point, a horizontal pass rounded and clamped to 8 bits, then a
 * vertical one. Hugging Face's image processors resize through it on their PIL backend, so a model fine-tuned with them
 * saw these exact bytes.
 */
final class PilBicubic {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubic() {
    }

    /** {@code image} resized to {@code width} x {@code height}: 8-bit RGB, row-major, three bytes a pixel. */
    static int[] resize(RgbImage image, int width, int height) {
        int inW = image.width();
        int inH = image.height();
        int[] pixels = new int[inW * inH * 3];
        for (int y = 0; y < inH; y++) {
            for (int x = 0; x < inW; x++) {
                int p = image.pixel(x, y);
                int at = (y * inW + x) * 3;
                pixels[at] = p >> 16 & 0xff;
                pixels[at + 1] = p >> 8 & 0xff;
                pixels[at + 2] = p & 0xff;
            }
        }
        int[] horizontal = inW == width ? pixels : pass(pixels, inW, inH, width, true);
        return inH == height ? horizontal : pass(horizontal, width, inH, height, false);
    }

    /** One pass along x ({@code alongX}) or y, from {@code inSize} to {@code outSize} samples. */
    private static int[] pass(int[] in, int w, int h, int outSize, boolean alongX) {
        int inSize = alongX ? w : h;
        Coefficients k = Coefficients.of(inSize, outSize);
        int outW = alongX ? outSize : w;
        int outH = alongX ? h : outSize;
        int[] out = new int[outW * outH * 3];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = alongX ? x : y;
                int min = k.bounds[2 * o];
                int count = k.bounds[2 * o + 1];
                for (int c = 0; c < 3; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int i = 0; i < count; i++) {
                        int source = alongX ? (y * w + min + i) * 3 + c : ((min + i) * w + x) * 3 + c;
                        sum += in[source] * k.weights[o * k.size + i];
                    }
                    out[(y * outW + x) * 3 + c] = clip8(sum);
                }
            }
        }
        return out;
    }

    private static int clip8(int value) {
        int shifted = value >> PRECISION_BITS;
        return shifted < 0 ? 0 : Math.min(255, shifted);
    }

    private static double bicubic(double x) {
        double a = -0.5;
        double v = Math.abs(x);
        if (v < 1.0) {
            return ((a + 2.0) * v - (a + 3.0)) * v * v + 1;
        }
        if (v < 2.0) {
            return (((v - 5) * v + 8) * v - 4) * a;
        }
        return 0.0;
    }

    /** Each output sample's first input sample, count of inputs, and fixed-point weights. */
    private record Coefficients(int size, int[] bounds, int[] weights) {

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                double inverse = 1.0 / filterScale;
                // C's (int) truncates toward zero, as Pillow's rounding of the window's ends does
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double total = 0;
                for (int i = 0; i < max; i++) {
                    k[i] = bicubic((i + min - center + 0.5) * inverse);
                    total += k[i];
                }
                for (int i = 0; i < max; i++) {
                    double w = total != 0.0 ? k[i] / total : k[i];
                    weights[o * size + i] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                bounds[2 * o] = min;
                bounds[2 * o + 1] = max;
            }
            return new Coefficients(size, bounds, weights);
        }
    }
}
