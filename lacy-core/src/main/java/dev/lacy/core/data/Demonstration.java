package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import java.util.Optional;

/**
 * A triplet (observation, instruction, action): the unit of L2A and A2L training data.
 *
 * <p>{@code reasoning} is the chain of thought that leads to the action, as the model that generated the
 * triplet wrote it (its grounding sentence and the lines after it, each ending with a newline, up to the
 * answer): what a triplet Algorithm 1 accepted from an observation without a known scene is trained with. It
 * is empty for a demonstration whose reasoning is written from its ground-truth scene.
 */
public record Demonstration(Observation observation, String instruction, PickPlaceAction action,
                            Optional<String> reasoning) implements Sample {

    public Demonstration {
        if (observation == null || action == null) {
            throw new IllegalArgumentException("a demonstration needs an observation and an action");
        }
        if (instruction == null || instruction.isBlank()) {
            throw new IllegalArgumentException("a demonstration needs a non-blank instruction");
        }
        if (reasoning == null) {
            throw new IllegalArgumentException("a demonstration's reasoning must be Optional.empty(), not null");
        }
        if (reasoning.isPresent() && (reasoning.get().isBlank() || !reasoning.get().endsWith("\n"))) {
            throw new IllegalArgumentException("a demonstration's reasoning must be lines ending with a newline, not '"
                    + reasoning.get() + "'");
        }
    }

    /** A demonstration whose reasoning comes from its ground-truth scene. */
    public Demonstration(Observation observation, String instruction, PickPlaceAction action) {
        this(observation, instruction, action, Optional.empty());
    }
}
