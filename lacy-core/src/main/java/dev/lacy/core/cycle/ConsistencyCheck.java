package dev.lacy.core.cycle;

import dev.lacy.core.port.BinaryLogits;

/** The L2C verdict on two instructions: the logits of {@code 1} and {@code 0}, and the reasoning before them. */
public record ConsistencyCheck(BinaryLogits logits, String reasoning) {

    /** {@code c = sigmoid(z1 - z0)}. */
    public double confidence() {
        return logits.confidence();
    }
}
