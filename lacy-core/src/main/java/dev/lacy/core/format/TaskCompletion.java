package dev.lacy.core.format;

import java.util.List;
import java.util.Optional;

/**
 * A completion split into its reasoning and its answer. {@code grounding} is present when the
 * completion had a chain of thought; the answer is still unparsed text.
 */
public record TaskCompletion(Optional<List<GroundedObject>> grounding, String answer) {

    public TaskCompletion {
        if (grounding == null || answer == null) {
            throw new IllegalArgumentException("a task completion needs a grounding (or empty) and an answer");
        }
        grounding = grounding.map(List::copyOf);
    }
}
