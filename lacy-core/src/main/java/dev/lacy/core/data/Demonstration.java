package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;

/** A triplet (observation, instruction, action): the unit of L2A and A2L training data. */
public record Demonstration(Observation observation, String instruction, PickPlaceAction action) implements Sample {

    public Demonstration {
        if (observation == null || action == null) {
            throw new IllegalArgumentException("a demonstration needs an observation and an action");
        }
        if (instruction == null || instruction.isBlank()) {
            throw new IllegalArgumentException("a demonstration needs a non-blank instruction");
        }
    }
}
