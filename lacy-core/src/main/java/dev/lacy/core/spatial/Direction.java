package dev.lacy.core.spatial;

import dev.lacy.core.scene.Point;

/**
 * One of eight 45-degree sectors around a reference object's center, in image coordinates (y
 * down), so {@code BOTTOM} is at 90 degrees.
 */
public enum Direction {
    RIGHT("right"),
    BOTTOM_RIGHT("bottom right"),
    BOTTOM("bottom"),
    BOTTOM_LEFT("bottom left"),
    LEFT("left"),
    TOP_LEFT("top left"),
    TOP("top"),
    TOP_RIGHT("top right");

    private final String phrase;

    Direction(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }

    /** The sector's central angle in degrees, measured with {@code atan2(dy, dx)}. */
    public double degrees() {
        return ordinal() * 45.0;
    }

    /**
     * The sector in which {@code target} lies seen from {@code origin}: index
     * {@code floor(((deg + 22.5) mod 360) / 45)} into the list above.
     */
    public static Direction from(Point origin, Point target) {
        double degrees = Math.toDegrees(Math.atan2(target.y() - origin.y(), target.x() - origin.x()));
        double shifted = ((degrees + 22.5) % 360 + 360) % 360;
        int index = (int) Math.floor(shifted / 45);
        return values()[index % 8];
    }
}
