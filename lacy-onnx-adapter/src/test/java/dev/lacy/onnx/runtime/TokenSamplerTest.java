package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.port.Decoding;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    /** The definition: every token sorted by probability (equal ones by id), the nucleus taken from the top, one draw. */
    private static int bySortingEveryToken(float[] logits, Decoding decoding, RandomGenerator random) {
        int n = logits.length;
        Integer[] order = new Integer[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            max = Math.max(max, logits[i]);
        }
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[i] - max) / decoding.temperature());
            total += p[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        int keep = decoding.topK() > 0 ? Math.min(decoding.topK(), n) : n;
        double cumulative = 0;
        int kept = 0;
        while (kept < keep) {
            cumulative += p[order[kept]] / total;
            kept++;
            if (cumulative >= decoding.topP()) {
                break;
            }
        }
        double mass = 0;
        for (int i = 0; i < kept; i++) {
            mass += p[order[i]];
        }
        double draw = random.nextDouble() * mass;
        for (int i = 0; i < kept; i++) {
            draw -= p[order[i]];
            if (draw <= 0) {
                return order[i];
            }
        }
        return order[kept - 1];
    }

    @Test
    void drawsTheTokenASortOfEveryTokenDraws() {
        var random = new SplittableRandom(1);
        var decodings = new Decoding[] {Decoding.sampled(0.5, 0.8, 0), Decoding.sampled(1.0, 0.95, 0),
            Decoding.sampled(1.0, 1.0, 0), Decoding.sampled(3.0, 0.99, 0), new Decoding(0.7, 0.9, 5, 0),
            new Decoding(2.0, 1.0, 40, 0)};
        int wide = 0;
        for (int trial = 0; trial < 3_000; trial++) {
            int n = 1 + random.nextInt(400);
            float[] logits = new float[n];
            double spread = random.nextDouble() * 12;
            for (int i = 0; i < n; i++) {
                // a few distinct values in some trials, so that equal probabilities are common
                logits[i] = trial % 3 == 0 ? random.nextInt(4) : (float) (random.nextGaussian() * spread);
            }
            Decoding decoding = decodings[trial % decodings.length];
            long seed = random.nextLong();
            int expected = bySortingEveryToken(logits, decoding, new SplittableRandom(seed));

            assertThat(TokenSampler.choose(logits, decoding, new SplittableRandom(seed)))
                    .as("trial %d, %d tokens, %s", trial, n, decoding).isEqualTo(expected);
            if (nucleusSize(logits, decoding) > 16) {
                wide++;
            }
        }
        assertThat(wide).as("nuclei wider than the selected part, sorted").isGreaterThan(100);
    }

    @Test
    void greedyIsTheFirstLargestLogit() {
        assertThat(TokenSampler.choose(new float[] {1, 3, 3, 2}, Decoding.greedy(), new SplittableRandom(0))).isEqualTo(1);
    }

    private static int nucleusSize(float[] logits, Decoding decoding) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / decoding.temperature());
            total += p[i];
        }
        int keep = decoding.topK() > 0 ? Math.min(decoding.topK(), p.length) : p.length;
        return TokenSampler.nucleus(p, total, keep, decoding.topP(), new int[keep]);
    }
}
