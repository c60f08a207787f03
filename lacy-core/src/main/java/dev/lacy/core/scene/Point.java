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

    /**
     * One coordinate with exactly three decimals, as every text format prints it: {@code String.format("%.3f")}'s
     * text, computed directly where the value is not within a millionth of a thousandth of a tie (there every correct
     * rounding agrees; a training set prints millions of coordinates), and by {@code String.format} everywhere else.
     */
    public static String formatCoordinate(double value) {
        if (value >= 0 && value < 1e6 && Math.copySign(1.0, value) > 0) {
            double scaled = value * 1000;
            double whole = Math.floor(scaled);
            double fraction = scaled - whole;
            if (Math.abs(fraction - 0.5) > 1e-6) {
                long thousandths = (long) whole + (fraction > 0.5 ? 1 : 0);
                int decimals = (int) (thousandths % 1000);
                return (thousandths / 1000) + (decimals < 10 ? ".00" : decimals < 100 ? ".0" : ".") + decimals;
            }
        }
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
