package dev.lacy.onnx.runtime;

import dev.lacy.core.port.Decoding;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Chooses the next token from logits: the arg-max when greedy; otherwise temperature, then top-k,
 * then nucleus (top-p) filtering, then a draw from the renormalized distribution. Stateless.
 */
final class TokenSampler {

    private TokenSampler() {
    }

    static int choose(float[] logits, Decoding decoding, RandomGenerator random) {
        if (decoding.isGreedy()) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        int n = logits.length;
        double[] p = weights(logits, decoding.temperature());
        double sum = 0;
        for (double w : p) {
            sum += w;
        }
        int keep = decoding.topK() > 0 ? Math.min(decoding.topK(), n) : n;
        int[] order = new int[keep];
        int kept = nucleus(p, sum, keep, decoding.topP(), order);
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

    /** Each token's unnormalised probability at {@code temperature}: {@code exp((logit - max) / temperature)}. */
    static double[] weights(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
        }
        return p;
    }

    /** Tokens taken one at a time by selection before the rest are sorted: a nucleus is mostly a few tokens. */
    private static final int SELECTED = 16;

    /**
     * Fills {@code order} with the most probable tokens, in decreasing probability (equal ones by id), until their share
     * of {@code total} reaches {@code topP} or {@code keep} are taken; returns how many. The first {@link #SELECTED} are
     * picked by selection, the rest (a wide nucleus) from one sort: the order a sort of every token gives.
     */
    static int nucleus(double[] p, double total, int keep, double topP, int[] order) {
        int n = p.length;
        boolean[] taken = new boolean[n];
        double cumulative = 0;
        int kept = 0;
        while (kept < Math.min(keep, SELECTED)) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || Double.compare(p[i], p[best]) > 0)) {
                    best = i;
                }
            }
            taken[best] = true;
            order[kept++] = best;
            cumulative += p[best] / total;
            if (cumulative >= topP) {
                return kept;
            }
        }
        if (kept == keep) {
            return kept;
        }
        Integer[] rest = new Integer[n - kept];
        for (int i = 0, r = 0; i < n; i++) {
            if (!taken[i]) {
                rest[r++] = i;
            }
        }
        Arrays.sort(rest, (a, b) -> Double.compare(p[b], p[a]));
        for (int r = 0; kept < keep; r++) {
            order[kept++] = rest[r];
            cumulative += p[rest[r]] / total;
            if (cumulative >= topP) {
                break;
            }
        }
        return kept;
    }
}
