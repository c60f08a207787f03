package dev.lacy.core.cycle;

/** One L2C evaluation case: the true label and the model's confidence that the pair is consistent. */
public record LabelledConfidence(boolean consistent, double confidence) {

    public boolean correct() {
        return (confidence >= 0.5) == consistent;
    }
}
