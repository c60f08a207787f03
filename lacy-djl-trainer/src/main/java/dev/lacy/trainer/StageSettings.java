package dev.lacy.trainer;

/**
 * The optimisation settings of one training stage.
 *
 * @param steps           optimizer steps
 * @param batch           sequences per step
 * @param learningRate    peak learning rate (AdamW)
 * @param warmupFraction  share of the steps spent warming up linearly
 * @param weightDecay     decoupled weight decay on weight matrices
 * @param clip            maximum global gradient norm
 * @param denseWeight     weight of the dense detection loss on image tokens (base pretraining only)
 * @param checkpointEvery steps between checkpoints
 * @param actionWeight    loss weight of each token of an L2A completion after its grounding sentence (the referents
 *                        line and the answer: the action), every other token's being 1
 * @param l2cWeight       loss weight of each token of an L2C completion after its grounding sentence (the comparison
 *                        line and the answer); that completion's grounding tokens weigh less in return, so that the
 *                        example weighs in all what it weighs unweighted (as little as {@link #MIN_GROUNDING_WEIGHT} each,
 *                        docs/trainer.md)
 */
public record StageSettings(int steps, int batch, double learningRate, double warmupFraction, double weightDecay,
                            double clip, double denseWeight, int checkpointEvery, double actionWeight, double l2cWeight) {

    /** The least weight an L2C completion's grounding token gives up to its comparison line. */
    public static final double MIN_GROUNDING_WEIGHT = 0.1;

    /** Settings that weigh every token alike. */
    public StageSettings(int steps, int batch, double learningRate, double warmupFraction, double weightDecay,
                         double clip, double denseWeight, int checkpointEvery) {
        this(steps, batch, learningRate, warmupFraction, weightDecay, clip, denseWeight, checkpointEvery, 1.0, 1.0);
    }

    public StageSettings {
        if (steps <= 0 || batch <= 0 || checkpointEvery <= 0) {
            throw new IllegalArgumentException("steps, batch and checkpointEvery must be positive, got " + steps + ", "
                    + batch + ", " + checkpointEvery);
        }
        if (!(learningRate > 0) || warmupFraction < 0 || warmupFraction >= 1 || weightDecay < 0 || !(clip > 0)
                || denseWeight < 0 || !(actionWeight > 0) || !(l2cWeight > 0)) {
            throw new IllegalArgumentException("learning rate, clip, action and L2C weights must be positive, warm-up in [0, 1), "
                    + "weight decay and dense weight non-negative");
        }
    }

    public StageSettings withSteps(int newSteps) {
        return new StageSettings(newSteps, batch, learningRate, warmupFraction, weightDecay, clip, denseWeight, checkpointEvery,
                actionWeight, l2cWeight);
    }

    public StageSettings withL2cWeight(double newL2cWeight) {
        return new StageSettings(steps, batch, learningRate, warmupFraction, weightDecay, clip, denseWeight, checkpointEvery,
                actionWeight, newL2cWeight);
    }
}
