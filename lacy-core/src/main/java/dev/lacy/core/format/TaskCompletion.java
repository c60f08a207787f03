package dev.lacy.core.format;

import java.util.List;
import java.util.Optional;

/**
 * A completion split into its reasoning and its answer. {@code grounding} is present when the
 * completion had a chain of thought whose grounding sentence parses; when it does not,
 * {@code groundingProblem} says why (the answer is still read). {@code reasoningLines} are the lines between the
 * grounding sentence and the answer (L2A's referents line, L2C's comparison line, A2L's place line; empty where there
 * are none). The answer is still unparsed text.
 */
public record TaskCompletion(Optional<List<GroundedObject>> grounding, String answer, Optional<String> groundingProblem,
                             List<String> reasoningLines) {

    public TaskCompletion {
        if (grounding == null || answer == null || groundingProblem == null || reasoningLines == null) {
            throw new IllegalArgumentException("a task completion needs a grounding (or empty), an answer, a grounding problem (or empty) and its "
                    + "reasoning lines (or none)");
        }
        if (grounding.isPresent() && groundingProblem.isPresent()) {
            throw new IllegalArgumentException("a parsed grounding has no problem: " + groundingProblem.get());
        }
        grounding = grounding.map(List::copyOf);
        reasoningLines = List.copyOf(reasoningLines);
    }

    /** A completion whose grounding (if any) is fine, without lines between it and the answer. */
    public TaskCompletion(Optional<List<GroundedObject>> grounding, String answer) {
        this(grounding, answer, Optional.empty(), List.of());
    }
}
