package dev.lacy.core.scene;

import java.util.Optional;

/**
 * What the top-down camera saw, plus the scene that produced it when that is known (always in
 * simulation, never on a real camera). The ground truth feeds evaluation and dense supervision; no
 * model input ever reads it.
 */
public record Observation(RgbImage image, Optional<Scene> groundTruth) {

    public Observation {
        if (image == null) {
            throw new IllegalArgumentException("observation has no image");
        }
        if (groundTruth == null) {
            throw new IllegalArgumentException("observation ground truth must be Optional.empty(), not null");
        }
    }

    public static Observation of(RgbImage image, Scene groundTruth) {
        return new Observation(image, Optional.of(groundTruth));
    }

    public static Observation imageOnly(RgbImage image) {
        return new Observation(image, Optional.empty());
    }

    /** The ground-truth scene, or an exception naming why it is needed. */
    public Scene requireGroundTruth(String purpose) {
        return groundTruth.orElseThrow(() -> new IllegalArgumentException(
                "observation has no ground-truth scene, which " + purpose + " needs"));
    }
}
