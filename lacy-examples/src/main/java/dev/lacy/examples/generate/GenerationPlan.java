package dev.lacy.examples.generate;

/** How many samples of each kind to generate, from which seed. */
public record GenerationPlan(int demonstrations, int grounding, int test, long seed) {

    public static final String TRAIN = "train";
    public static final String TRAIN_L2C = "train-l2c";
    public static final String GROUNDING = "grounding";
    public static final String TEST = "test";

    public GenerationPlan {
        if (demonstrations < 0 || grounding < 0 || test < 0) {
            throw new IllegalArgumentException("sample counts must be >= 0, got demos " + demonstrations
                    + ", grounding " + grounding + ", test " + test);
        }
    }

    public long total() {
        return demonstrations * 3L + grounding + test;
    }
}
