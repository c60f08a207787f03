package dev.lacy.core.spatial;

import dev.lacy.core.scene.Point;

/** A cell of the 3x3 workspace grid: column {@code floor(3x)}, row {@code floor(3y)}, clamped to 2. */
public enum GridCell {
    TOP_LEFT("top left", 0, 0),
    TOP_CENTER("top center", 1, 0),
    TOP_RIGHT("top right", 2, 0),
    MIDDLE_LEFT("middle left", 0, 1),
    CENTER("center", 1, 1),
    MIDDLE_RIGHT("middle right", 2, 1),
    BOTTOM_LEFT("bottom left", 0, 2),
    BOTTOM_CENTER("bottom center", 1, 2),
    BOTTOM_RIGHT("bottom right", 2, 2);

    private final String phrase;
    private final int column;
    private final int row;

    GridCell(String phrase, int column, int row) {
        this.phrase = phrase;
        this.column = column;
        this.row = row;
    }

    /** The cell's name in generated text, e.g. {@code middle right}. */
    public String phrase() {
        return phrase;
    }

    public int column() {
        return column;
    }

    public int row() {
        return row;
    }

    public static GridCell at(int column, int row) {
        if (column < 0 || column > 2 || row < 0 || row > 2) {
            throw new IllegalArgumentException("grid cell (" + column + "," + row + ") is outside the 3x3 grid");
        }
        return values()[row * 3 + column];
    }

    public static GridCell of(Point point) {
        return at(index(point.x()), index(point.y()));
    }

    public boolean contains(Point point) {
        return of(point) == this;
    }

    /** The cell's center, a convenient place point inside it. */
    public Point center() {
        return new Point((column + 0.5) / 3, (row + 0.5) / 3);
    }

    private static int index(double coordinate) {
        return Math.min(2, (int) Math.floor(3 * coordinate));
    }
}
