package dev.lacy.examples.generate;

import dev.lacy.sim.tabletop.SampleRecipes;

/**
 * How many samples of each kind to generate, from which seed: {@code pool} is an instruction pool (observations
 * and instructions without actions, the scenes kept for measurement only) for Algorithm 1.
 */
public record GenerationPlan(int demonstrations, int grounding, int test, int pool, long seed) {

    public static final String TRAIN = SampleRecipes.TRAIN;
    public static final String TRAIN_L2C = SampleRecipes.TRAIN_L2C;
    public static final String GROUNDING = SampleRecipes.GROUNDING;
    public static final String TEST = SampleRecipes.TEST;
    public static final String POOL = SampleRecipes.POOL;

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

    /** All samples: each demonstration with its {@value SampleRecipes#L2C_PER_DEMONSTRATION} L2C pairs, and the rest. */
    public long total() {
        return demonstrations * (1L + SampleRecipes.L2C_PER_DEMONSTRATION) + grounding + test + pool;
    }
}
