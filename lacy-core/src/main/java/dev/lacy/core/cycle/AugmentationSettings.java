package dev.lacy.core.cycle;

import dev.lacy.core.port.Decoding;

/**
 * The parameters of Algorithm 1: {@code samples} (N) stochastic actions per low-confidence
 * example and N descriptions per action, the consistency threshold {@code tau}, the vote
 * {@code nu} and the sampling used for both. The paper fixes {@code nu = 0.5} and leaves N, tau and
 * the sampling open; {@link #DEFAULTS} documents ours.
 */
public record AugmentationSettings(int samples, double tau, double vote, Decoding sampling) {

    /** N = 8, tau = 0.9, nu = 0.5 (the paper's), temperature 1.0, top-p 0.95, seed 0. */
    public static final AugmentationSettings DEFAULTS =
            new AugmentationSettings(8, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 0));

    public AugmentationSettings {
        if (samples < 1) {
            throw new IllegalArgumentException("samples N = " + samples + " must be >= 1");
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
    }
}
