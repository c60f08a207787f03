package dev.lacy.core.cycle;

import dev.lacy.core.format.GroundedObject;
import java.util.List;
import java.util.Optional;

/** A model's answer to one task: a parsed value with its reasoning, or the raw text and why it is malformed. */
public sealed interface TaskAnswer<T> {

    String raw();

    /**
     * A parsed answer; {@code grounding} is the parsed grounding sentence, or empty without chain of
     * thought or when it does not parse, and then {@code groundingProblem} says why.
     */
    record Answered<T>(T value, Optional<List<GroundedObject>> grounding, String raw, Optional<String> groundingProblem)
            implements TaskAnswer<T> {

        public Answered {
            if (grounding == null || groundingProblem == null) {
                throw new IllegalArgumentException("an answer needs a grounding (or empty) and a grounding problem (or empty)");
            }
        }
    }

    record Malformed<T>(String raw, String reason) implements TaskAnswer<T> {
    }

    /** The parsed value, empty when the answer was malformed. */
    default Optional<T> parsed() {
        return this instanceof Answered<T> answered ? Optional.of(answered.value()) : Optional.empty();
    }
}
