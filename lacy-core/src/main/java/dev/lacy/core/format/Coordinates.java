package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a point written as {@code (0.513,0.512)}, tolerant of spaces, strict about everything else. */
final class Coordinates {

    static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    /** A point as written, {@code (x,y)} with spaces allowed, without groups: for patterns that find one in a line. */
    static final String POINT_TEXT = "\\(\\s*" + NUMBER + "\\s*,\\s*" + NUMBER + "\\s*\\)";
    private static final Pattern POINT = Pattern.compile(
            "\\(\\s*(" + NUMBER + ")\\s*,\\s*(" + NUMBER + ")\\s*\\)");

    private Coordinates() {
    }

    /**
     * The action of a pick point and a place point as written, each read by {@link #parse}; a failure names the point
     * that is wrong, after {@code prefix} ("pick ..." or "place ...").
     */
    static Parsed<PickPlaceAction> action(String pick, String place, String prefix) {
        Parsed<Point> p = parse(pick);
        if (p instanceof Parsed.Failure<Point> failure) {
            return Parsed.failure(prefix + "pick " + failure.reason());
        }
        Parsed<Point> q = parse(place);
        if (q instanceof Parsed.Failure<Point> failure) {
            return Parsed.failure(prefix + "place " + failure.reason());
        }
        return Parsed.ok(new PickPlaceAction(p.orElseThrow(), q.orElseThrow()));
    }

    static Parsed<Point> parse(String text) {
        Matcher m = POINT.matcher(text.strip());
        if (!m.matches()) {
            return Parsed.failure("'" + text.strip() + "' is not a point of the form (x,y)");
        }
        double x = Double.parseDouble(m.group(1));
        double y = Double.parseDouble(m.group(2));
        if (!Point.inUnitSquare(x, y)) {
            return Parsed.failure("point " + text.strip() + " is outside [0, 1] x [0, 1]");
        }
        return Parsed.ok(new Point(x, y));
    }
}
