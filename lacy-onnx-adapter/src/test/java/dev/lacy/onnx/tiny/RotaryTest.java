package dev.lacy.onnx.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotaryTest {

    private static final TinyLlavaConfig CONFIG = new TinyLlavaConfig(16, 8, 32, 4, 1, 64, 50, 40, 0, 10_000);

    @Test
    void attentionScoresDependOnlyOnTheOffsetBetweenPositions() {
        var random = new SplittableRandom(3);
        int h = CONFIG.headSize();
        float[] q = new float[h];
        float[] k = new float[h];
        for (int i = 0; i < h; i++) {
            q[i] = (float) random.nextGaussian();
            k[i] = (float) random.nextGaussian();
        }
        double reference = dot(rotated(q, 7), rotated(k, 4));
        assertEquals(reference, dot(rotated(q, 30), rotated(k, 27)), 1e-4);
        assertEquals(reference, dot(rotated(q, 3), rotated(k, 0)), 1e-4);
        // and it is not the unrotated score: the offset matters
        assertEquals(false, Math.abs(reference - dot(q, k)) < 1e-3);
    }

    @Test
    void theTablesAndTheRotateHalfMatrixComputeTheSameRotationAsApply() {
        int h = CONFIG.headSize();
        float[] cos = Rotary.cos(CONFIG);
        float[] sin = Rotary.sin(CONFIG);
        float[] r = Rotary.rotateHalf(CONFIG);
        float[] x = new float[h];
        for (int i = 0; i < h; i++) {
            x[i] = i - 3.5f;
        }
        int position = 11;
        float[] expected = rotated(x, position);
        for (int j = 0; j < h; j++) {
            float half = 0;
            for (int i = 0; i < h; i++) {
                half += x[i] * r[i * h + j];
            }
            assertEquals(expected[j], x[j] * cos[position * h + j] + half * sin[position * h + j], 1e-5, "component " + j);
        }
    }

    @Test
    void anOddHeadSizeOrANegativeBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TinyLlavaConfig(16, 8, 12, 4, 1, 64, 50, 40, 0, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new TinyLlavaConfig(16, 8, 32, 4, 1, 64, 50, 40, 0, -1));
        assertThrows(IllegalStateException.class, () -> Rotary.cos(new TinyLlavaConfig(16, 8, 32, 4, 1, 64, 50, 40)));
    }

    private static float[] rotated(float[] x, int position) {
        float[] copy = x.clone();
        Rotary.apply(CONFIG, copy, 0, position);
        return copy;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
