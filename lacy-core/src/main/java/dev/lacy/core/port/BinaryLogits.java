package dev.lacy.core.port;

/** The logits {@code z1} (positive) and {@code z0} (negative) at the answer position. */
public record BinaryLogits(double positive, double negative) {

    public BinaryLogits {
        if (!Double.isFinite(positive) || !Double.isFinite(negative)) {
            throw new IllegalArgumentException("logits must be finite, got " + positive + " and " + negative);
        }
    }

    /**
     * {@code c = sigmoid(z1 - z0)}, the paper's equation 4, which equals the two-class softmax of
     * equation 5. Computed without overflow for any finite logits.
     */
    public double confidence() {
        double difference = positive - negative;
        if (difference >= 0) {
            return 1 / (1 + Math.exp(-difference));
        }
        double e = Math.exp(difference);
        return e / (1 + e);
    }
}
