package dev.lacy.core.calibration;

import dev.lacy.core.scene.Point;
import java.util.Optional;

/** A point on a plane in any units (image coordinates, or metres on the table); finite, unbounded. */
public record PlanePoint(double x, double y) {

    public PlanePoint {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("plane point (" + x + ", " + y + ") is not finite");
        }
    }

    public static PlanePoint of(Point point) {
        return new PlanePoint(point.x(), point.y());
    }

    /** This point as normalized image coordinates, when it lies inside the image. */
    public Optional<Point> toImagePoint() {
        return Point.inUnitSquare(x, y) ? Optional.of(new Point(x, y)) : Optional.empty();
    }

    public double distanceTo(PlanePoint other) {
        return Math.hypot(other.x - x, other.y - y);
    }
}
