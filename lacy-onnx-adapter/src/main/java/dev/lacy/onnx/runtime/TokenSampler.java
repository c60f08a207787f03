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
        Integer[] order = new Integer[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            max = Math.max(max, logits[i]);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[i] - max) / decoding.temperature());
            sum += p[i];
        }
        final double total = sum;
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
}
