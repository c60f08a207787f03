package dev.lacy.core.judge;

import java.util.Optional;

/**
 * The judge's decision: success, the object the pick point selects (if any), and why. A failure
 * carries a {@link Failure} kind so that callers can tell bad input (an unparseable instruction, an
 * object the scene lacks) from a wrong action.
 */
public record Verdict(boolean success, Optional<String> picked, Failure failure, String reason) {

    /** Why an action failed; {@code NONE} for a success. */
    public enum Failure {
        NONE(false),
        UNPARSEABLE_INSTRUCTION(true),
        UNKNOWN_TARGET(true),
        UNKNOWN_REFERENCE(true),
        REFERENCE_IS_TARGET(true),
        NOTHING_PICKED(false),
        WRONG_OBJECT(false),
        WRONG_CELL(false),
        WRONG_DIRECTION(false),
        TOO_FAR_FROM_REFERENCE(false);

        private final boolean aboutInstruction;

        Failure(boolean aboutInstruction) {
            this.aboutInstruction = aboutInstruction;
        }

        /** True when the instruction itself cannot be satisfied in this scene, whatever the action. */
        public boolean aboutInstruction() {
            return aboutInstruction;
        }
    }

    public Verdict {
        if (picked == null || failure == null || reason == null) {
            throw new IllegalArgumentException("a verdict needs picked (or empty), a failure kind and a reason");
        }
        if (success != (failure == Failure.NONE)) {
            throw new IllegalArgumentException("a verdict succeeds exactly when its failure is NONE");
        }
    }

    static Verdict success(String picked, String reason) {
        return new Verdict(true, Optional.of(picked), Failure.NONE, reason);
    }

    static Verdict failure(Optional<String> picked, Failure failure, String reason) {
        return new Verdict(false, picked, failure, reason);
    }
}
