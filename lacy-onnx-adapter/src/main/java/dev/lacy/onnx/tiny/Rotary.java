package dev.lacy.onnx.tiny;

/**
 * Rotary position embeddings (RoFormer; the "rotate half" layout of Llama and Mistral): a query or
 * key {@code x} of one head at position {@code p} becomes {@code x * cos(p) + rotateHalf(x) * sin(p)},
 * where {@code rotateHalf(x) = (-x[h/2..h), x[0..h/2))} and pair {@code i} turns by
 * {@code p * base^(-2i/h)}. The tables are a pure function of the configuration, so the trainer,
 * the exported graphs and the reference forward pass compute the same numbers; {@code rotateHalf}
 * is written as a product with a signed permutation matrix so that the graph needs no slicing.
 */
public final class Rotary {

    private Rotary() {
    }

    /** {@code [maxPositions, headSize]} cosines, row-major. */
    public static float[] cos(TinyLlavaConfig c) {
        return table(c, true);
    }

    /** {@code [maxPositions, headSize]} sines, row-major. */
    public static float[] sin(TinyLlavaConfig c) {
        return table(c, false);
    }

    /** {@code [headSize, headSize]} matrix R with {@code x R = rotateHalf(x)}, row-major. */
    public static float[] rotateHalf(TinyLlavaConfig c) {
        int h = c.headSize();
        int half = h / 2;
        float[] r = new float[h * h];
        for (int j = 0; j < half; j++) {
            r[(j + half) * h + j] = -1;
            r[j * h + j + half] = 1;
        }
        return r;
    }

    /** Rotates {@code x[offset, offset + headSize)} in place as at {@code position}. */
    public static void apply(TinyLlavaConfig c, float[] x, int offset, int position) {
        int h = c.headSize();
        int half = h / 2;
        for (int i = 0; i < half; i++) {
            double angle = position * frequency(c, i);
            float cos = (float) Math.cos(angle);
            float sin = (float) Math.sin(angle);
            float a = x[offset + i];
            float b = x[offset + i + half];
            x[offset + i] = a * cos - b * sin;
            x[offset + i + half] = b * cos + a * sin;
        }
    }

    private static float[] table(TinyLlavaConfig c, boolean cosine) {
        if (!c.rotary()) {
            throw new IllegalStateException("the configuration has no rotary positions (ropeBase 0)");
        }
        int h = c.headSize();
        int half = h / 2;
        float[] t = new float[c.maxPositions() * h];
        for (int p = 0; p < c.maxPositions(); p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * frequency(c, i);
                float v = (float) (cosine ? Math.cos(angle) : Math.sin(angle));
                t[p * h + i] = v;
                t[p * h + i + half] = v;
            }
        }
        return t;
    }

    private static double frequency(TinyLlavaConfig c, int pair) {
        return Math.pow(c.ropeBase(), -2.0 * pair / c.headSize());
    }
}
