package dev.lacy.core.scene;

import java.util.Locale;

/**
 * A point in normalized image coordinates: {@code x} to the right, {@code y} down, both in [0, 1];
 * (0, 0) is the top-left of the workspace image.
 */
public record Point(double x, double y) {

    public Point {
        requireUnit("x", x);
        requireUnit("y", y);
    }

    /** True when both coordinates are finite and inside [0, 1]. */
    public static boolean inUnitSquare(double x, double y) {
        return x >= 0 && x <= 1 && y >= 0 && y <= 1;
    }

    public double distanceTo(Point other) {
        return Math.hypot(other.x - x, other.y - y);
    }

    /** The point as the text formats print it: {@code (0.513,0.512)}, exactly three decimals. */
    public String format() {
        return "(" + formatCoordinate(x) + "," + formatCoordinate(y) + ")";
    }

    /** One coordinate with exactly three decimals, as every text format prints it. */
    public static String formatCoordinate(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The coordinate as printed, in thousandths: the key of the canonical reading order. */
    static int printedThousandths(double value) {
        return Integer.parseInt(formatCoordinate(value).replace(".", ""));
    }

    private static void requireUnit(String axis, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(axis + " = " + value + " is outside [0, 1]");
        }
    }
}
