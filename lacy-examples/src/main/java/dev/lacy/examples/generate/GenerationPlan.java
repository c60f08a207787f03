package dev.lacy.examples.generate;

/**
 * How many samples of each kind to generate, from which seed: {@code pool} is an instruction pool (observations
 * and instructions without actions, the scenes kept for measurement only) for Algorithm 1.
 */
public record GenerationPlan(int demonstrations, int grounding, int test, int pool, long seed) {

    public static final String TRAIN = "train";
    public static final String TRAIN_L2C = "train-l2c";
    public static final String GROUNDING = "grounding";
    public static final String TEST = "test";
    public static final String POOL = "pool";

    public GenerationPlan {
        if (demonstrations < 0 || grounding < 0 || test < 0 || pool < 0) {
            throw new IllegalArgumentException("sample counts must be >= 0, got demos " + demonstrations
                    + ", grounding " + grounding + ", test " + test + ", pool " + pool);
        }
    }

    /** No instruction pool. */
    public GenerationPlan(int demonstrations, int grounding, int test, long seed) {
        this(demonstrations, grounding, test, 0, seed);
    }

    public long total() {
        return demonstrations * 3L + grounding + test + pool;
    }
}
