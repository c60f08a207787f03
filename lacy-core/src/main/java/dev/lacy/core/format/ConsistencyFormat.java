package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;

/**
 * The L2C answer: {@code 1} when the two instructions are consistent, {@code 0} otherwise. The
 * confidence does not come from this text but from the logits of these two tokens.
 */
public final class ConsistencyFormat {

    public static final String CONSISTENT = "1";
    public static final String INCONSISTENT = "0";

    public String write(boolean consistent) {
        return consistent ? CONSISTENT : INCONSISTENT;
    }

    public Parsed<Boolean> parse(String text) {
        String answer = text == null ? "" : text.strip();
        if (answer.equals(CONSISTENT)) {
            return Parsed.ok(true);
        }
        if (answer.equals(INCONSISTENT)) {
            return Parsed.ok(false);
        }
        return Parsed.failure("'" + GroundingFormat.abbreviate(answer) + "' is neither 1 nor 0");
    }
}
