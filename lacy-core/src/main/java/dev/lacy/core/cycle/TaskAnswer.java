package dev.lacy.core.cycle;

import dev.lacy.core.format.GroundedObject;
import java.util.List;
import java.util.Optional;

/** A model's answer to one task: a parsed value with its reasoning, or the raw text and why it is malformed. */
public sealed interface TaskAnswer<T> {

    String raw();

    record Answered<T>(T value, Optional<List<GroundedObject>> grounding, String raw) implements TaskAnswer<T> {
    }

    record Malformed<T>(String raw, String reason) implements TaskAnswer<T> {
    }

    /** The parsed value, empty when the answer was malformed. */
    default Optional<T> parsed() {
        return this instanceof Answered<T> answered ? Optional.of(answered.value()) : Optional.empty();
    }
}
