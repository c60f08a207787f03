package dev.lacy.examples.cli;

import dev.lacy.core.scene.Point;
import picocli.CommandLine;

/** Reads {@code X,Y} in normalized coordinates, naming what is wrong with anything else. */
final class PointConverter {

    private PointConverter() {
    }

    static Point parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not X,Y (for example 0.513,0.512)");
        }
        double x = coordinate(text, parts[0], "x");
        double y = coordinate(text, parts[1], "y");
        if (!Point.inUnitSquare(x, y)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is outside the workspace:"
                    + " both coordinates must be in [0, 1]");
        }
        return new Point(x, y);
    }

    private static double coordinate(String text, String part, String axis) {
        try {
            double value = Double.parseDouble(part.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' has " + axis + " = '" + part.strip()
                    + "', which is not a number");
        }
    }
}
