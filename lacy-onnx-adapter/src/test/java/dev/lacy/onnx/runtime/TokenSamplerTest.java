package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.port.Decoding;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    /** The definition: every token sorted by probability (equal ones by id), taken from the top until top-p or top-k. */
    private static int[] bySortingEveryToken(double[] p, double total, int keep, double topP) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double cumulative = 0;
        int kept = 0;
        while (kept < keep) {
            cumulative += p[order[kept]] / total;
            kept++;
            if (cumulative >= topP) {
                break;
            }
        }
        return Arrays.stream(order, 0, kept).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theNucleusIsTheTopOfASortOfEveryToken() {
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
            double[] p = TokenSampler.weights(logits, decoding.temperature());
            double total = Arrays.stream(p).sum();
            int keep = decoding.topK() > 0 ? Math.min(decoding.topK(), n) : n;
            int[] order = new int[keep];

            int kept = TokenSampler.nucleus(p, total, keep, decoding.topP(), order);

            assertThat(Arrays.copyOf(order, kept)).as("trial %d, %d tokens, %s", trial, n, decoding)
                    .isEqualTo(bySortingEveryToken(p, total, keep, decoding.topP()));
            if (kept > 16) {
                wide++;
            }
        }
        assertThat(wide).as("nuclei wider than the selected part, sorted").isGreaterThan(100);
    }

    @Test
    void sampledDrawsAreSeededAndStayInTheNucleus() {
        float[] logits = {0, 5, 4.9f, -3, 1};
        Decoding decoding = Decoding.sampled(1.0, 0.8, 0);
        var seen = new java.util.TreeSet<Integer>();
        for (long seed = 0; seed < 200; seed++) {
            int token = TokenSampler.choose(logits, decoding, new SplittableRandom(seed));
            assertThat(TokenSampler.choose(logits, decoding, new SplittableRandom(seed))).isEqualTo(token);
            seen.add(token);
        }
        assertThat(seen).as("the two tokens that hold 80 %% of the mass, both drawn").containsExactly(1, 2);
    }

    @Test
    void greedyIsTheFirstLargestLogit() {
        assertThat(TokenSampler.choose(new float[] {1, 3, 3, 2}, Decoding.greedy(), new SplittableRandom(0))).isEqualTo(1);
    }
}
