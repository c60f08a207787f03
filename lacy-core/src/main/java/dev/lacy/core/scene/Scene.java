package dev.lacy.core.scene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The objects on the table, each with a unique name. Immutable. */
public record Scene(List<SceneObject> objects) {

    private static final Comparator<SceneObject> READING_ORDER = Comparator
            .comparingInt((SceneObject o) -> Point.printedThousandths(o.center().y()))
            .thenComparingInt(o -> Point.printedThousandths(o.center().x()))
            .thenComparing(SceneObject::name);

    public Scene {
        if (objects == null) {
            throw new IllegalArgumentException("scene has no object list");
        }
        objects = List.copyOf(objects);
        var names = new HashSet<String>();
        for (SceneObject object : objects) {
            if (!names.add(object.name())) {
                throw new IllegalArgumentException("scene has two objects named '" + object.name() + "'");
            }
        }
    }

    public Optional<SceneObject> find(String name) {
        return objects.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return objects.stream().map(SceneObject::name).toList();
    }

    /**
     * The object a pick at this point selects: among the footprints that contain the point, the one
     * whose center is nearest. Empty when the point is on no footprint.
     */
    public Optional<SceneObject> selectedBy(Point point) {
        return objects.stream()
                .filter(o -> o.covers(point))
                .min(Comparator.comparingDouble(o -> o.center().distanceTo(point)));
    }

    /**
     * The object whose outer contour is nearest to the point, the named one excepted (pass null to
     * except none).
     */
    public Optional<SceneObject> nearestContourTo(Point point, String except) {
        return objects.stream()
                .filter(o -> !o.name().equals(except))
                .min(Comparator.comparingDouble(o -> o.contourDistance(point)));
    }

    /**
     * The objects in canonical reading order: by printed y, then printed x. The grounding sentence
     * lists them in this order, so that it is a function of the image alone.
     */
    public List<SceneObject> inReadingOrder() {
        var sorted = new ArrayList<>(objects);
        sorted.sort(READING_ORDER);
        return List.copyOf(sorted);
    }

    /** This scene with the named object moved to a new center. */
    public Scene withMoved(String name, Point newCenter) {
        if (find(name).isEmpty()) {
            throw new IllegalArgumentException("scene has no object named '" + name + "'");
        }
        return new Scene(objects.stream()
                .map(o -> o.name().equals(name) ? o.movedTo(newCenter) : o)
                .toList());
    }
}
