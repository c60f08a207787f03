package dev.lacy.core.scene;

/**
 * An object on the table seen from above: its name, its center and the radius of its circular
 * footprint (the paper's "outer contour"), in the normalized units of {@link Point}.
 */
public record SceneObject(String name, Point center, double radius) {

    public SceneObject {
        ObjectName.require(name);
        if (center == null) {
            throw new IllegalArgumentException("object '" + name + "' has no center");
        }
        if (!(radius > 0 && radius <= 0.5)) {
            throw new IllegalArgumentException("object '" + name + "' has radius " + radius
                    + ", which is not in (0, 0.5]");
        }
    }

    /** True when the point lies on the footprint (the contour included). */
    public boolean covers(Point point) {
        return center.distanceTo(point) <= radius;
    }

    /** Distance from the point to the outer contour: negative inside the footprint. */
    public double contourDistance(Point point) {
        return center.distanceTo(point) - radius;
    }

    public SceneObject movedTo(Point newCenter) {
        return new SceneObject(name, newCenter, radius);
    }
}
