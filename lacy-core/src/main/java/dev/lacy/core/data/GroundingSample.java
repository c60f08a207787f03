package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;

/** An image with its known scene, for object-grounding pretraining (paper stage 1). */
public record GroundingSample(Observation observation) implements Sample {

    public GroundingSample {
        if (observation == null || observation.groundTruth().isEmpty()) {
            throw new IllegalArgumentException("a grounding sample needs an observation with its ground-truth scene");
        }
    }
}
