package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The L2A answer and the A2L input: {@code <pick> at (0.513,0.512) / <place> at (0.773,0.531)}. */
public final class ActionFormat {

    private static final String POINT = "(\\(\\s*" + Coordinates.NUMBER + "\\s*,\\s*" + Coordinates.NUMBER + "\\s*\\))";
    private static final Pattern ANSWER = Pattern.compile(
            "<pick>\\s+at\\s+" + POINT + "\\s*/\\s*<place>\\s+at\\s+" + POINT + "\\.?");

    public String write(PickPlaceAction action) {
        return "<pick> at " + action.pick().format() + " / <place> at " + action.place().format();
    }

    public Parsed<PickPlaceAction> parse(String text) {
        if (text == null) {
            return Parsed.failure("the action answer is missing");
        }
        Matcher m = ANSWER.matcher(text.strip());
        if (!m.matches()) {
            return Parsed.failure("'" + GroundingFormat.abbreviate(text)
                    + "' is not '<pick> at (x,y) / <place> at (x,y)'");
        }
        return Coordinates.action(m.group(1), m.group(2), "");
    }
}
