package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;

/** Two instructions over one image and whether they ask for the same thing: L2C training data. */
public record ConsistencySample(Observation observation, String first, String second, boolean consistent)
        implements Sample {

    public ConsistencySample {
        if (observation == null) {
            throw new IllegalArgumentException("a consistency sample needs an observation");
        }
        if (first == null || first.isBlank() || second == null || second.isBlank()) {
            throw new IllegalArgumentException("a consistency sample needs two non-blank instructions");
        }
    }
}
