package dev.lacy.core.cycle;

import dev.lacy.core.port.Decoding;

/**
 * The parameters of Algorithm 1: {@code samples} (N) stochastic actions per low-confidence
 * example and N descriptions per action, the consistency threshold {@code tau}, the vote
 * {@code nu} and the sampling used for both. The paper fixes {@code nu = 0.5} and leaves N, tau and
 * the sampling open.
 *
 * <p>Two choices of ours (docs/demo.md, "Algorithm 1 as it runs here"): with {@code sharedGrounding} the
 * grounding sentence is decoded once per example, greedily, by the first pass's L2A, and every sampled action,
 * description and L2C verdict of that example continues from it (a chain-of-thought model grounds the image
 * the same way whatever the task, so the samples differ where it matters, after the grounding, and a sample
 * cannot break it); {@code perExample} keeps at most that many accepted actions per example, those with the
 * most votes (0: every action that passes). Identical candidate actions are always verified once, and
 * identical descriptions scored once (the paper's vote is there to keep duplicate pairs out). With
 * {@code groundingCheck} (chain-of-thought models only) a candidate action that contradicts the model's own
 * grounding sentence ({@link GroundingCheck}) is rejected before it is explained, and an example whose greedy
 * action contradicts it is sampled whatever its confidence.
 */
public record AugmentationSettings(int samples, double tau, double vote, Decoding sampling, boolean sharedGrounding,
                                   int perExample, boolean groundingCheck) {

    /** Our sampling temperature and top-p ({@link #DEFAULTS}); constants, so that the command lines' help can name them. */
    public static final double TEMPERATURE = 0.5;
    public static final double TOP_P = 0.8;

    /**
     * Ours: N = 8, tau = 0.9, nu = 0.5 (the paper's), the grounding shared, temperature 0.5, top-p 0.8
     * (measured: at 1.0 / 0.95 122 of 128 samples of lacy-tiny were malformed, at 0.7 / 0.8 none; the model from the
     * 20,000-image base, sharper, broke 1,679 of 1,936 at 0.7 and 8 of 1,720 at 0.5), one accepted action per example,
     * seed 0.
     */
    public static final AugmentationSettings DEFAULTS =
            new AugmentationSettings(8, 0.9, 0.5, Decoding.sampled(TEMPERATURE, TOP_P, 0), true, 1, true);

    /** The paper's loop body as written: every sample decoded whole, every passing action kept. */
    public static final AugmentationSettings PAPER_LITERAL =
            new AugmentationSettings(8, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 0), false, 0, false);

    /** The largest N: N actions decode as one batch, and N x N descriptions are checked per example. */
    public static final int MAX_SAMPLES = 64;

    public AugmentationSettings {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples N = " + samples + " must be between 1 and " + MAX_SAMPLES
                    + " (N actions are decoded as one batch, and each is explained N times)");
        }
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau = " + tau + " must be in [0, 1]");
        }
        if (!(vote > 0 && vote <= 1)) {
            throw new IllegalArgumentException("vote nu = " + vote + " must be in (0, 1]");
        }
        if (sampling == null || sampling.isGreedy()) {
            throw new IllegalArgumentException("Algorithm 1 needs stochastic sampling (temperature > 0)");
        }
        if (perExample < 0) {
            throw new IllegalArgumentException("perExample = " + perExample + " must be >= 0 (0 keeps every passing action)");
        }
    }

    /**
     * Settings as the commands take them: ours ({@link #DEFAULTS}) or the paper's loop as written ({@link #PAPER_LITERAL})
     * as the base, with N, tau, nu and the seed given, and the temperature, top-p and actions kept per example where
     * given (empty: the base's); the grounding check is the base's unless {@code noGroundingCheck}.
     */
    public static AugmentationSettings of(boolean paperLiteral, int samples, double tau, double vote,
                                          java.util.OptionalDouble temperature, java.util.OptionalDouble topP,
                                          java.util.OptionalInt perExample, boolean noGroundingCheck, long seed) {
        AugmentationSettings base = paperLiteral ? PAPER_LITERAL : DEFAULTS;
        return new AugmentationSettings(samples, tau, vote, Decoding.sampled(
                temperature.orElse(base.sampling().temperature()), topP.orElse(base.sampling().topP()), seed),
                base.sharedGrounding(), perExample.orElse(base.perExample()), base.groundingCheck() && !noGroundingCheck);
    }

    /** The defaults' choices with these N, tau, nu and sampling. */
    public AugmentationSettings(int samples, double tau, double vote, Decoding sampling) {
        this(samples, tau, vote, sampling, DEFAULTS.sharedGrounding(), DEFAULTS.perExample(), DEFAULTS.groundingCheck());
    }

    public AugmentationSettings withSampling(Decoding newSampling) {
        return new AugmentationSettings(samples, tau, vote, newSampling, sharedGrounding, perExample, groundingCheck);
    }

    public AugmentationSettings withSharedGrounding(boolean shared) {
        return new AugmentationSettings(samples, tau, vote, sampling, shared, perExample, groundingCheck);
    }

    public AugmentationSettings withPerExample(int limit) {
        return new AugmentationSettings(samples, tau, vote, sampling, sharedGrounding, limit, groundingCheck);
    }

    public AugmentationSettings withGroundingCheck(boolean check) {
        return new AugmentationSettings(samples, tau, vote, sampling, sharedGrounding, perExample, check);
    }
}
