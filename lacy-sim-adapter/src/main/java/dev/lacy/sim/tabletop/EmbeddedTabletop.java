package dev.lacy.sim.tabletop;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The embedded tabletop: a kinematic arm and a top-down camera over a simulated table. A grasp
 * succeeds when the pick point is on a footprint (the object the point selects is taken); a place
 * fails, leaving the object where it was, when the footprint would leave the table or overlap
 * another object. The table keeps its state from one action to the next. Thread-safe: every
 * operation is synchronized.
 */
public final class EmbeddedTabletop implements RobotArm, Camera, SceneStager {

    private final TabletopRenderer renderer;
    private final SplittableRandom random;
    private Scene scene;
    private boolean closed;

    /** A table over {@code scene}; {@code seed} drives the rendering's randomisation, if any. */
    public EmbeddedTabletop(TabletopRenderer renderer, Scene scene, long seed) {
        this.renderer = renderer;
        this.scene = scene;
        this.random = new SplittableRandom(seed);
    }

    /** An empty table drawn with the standard catalogue at {@code size} pixels, no randomisation. */
    public static EmbeddedTabletop standard(int size) {
        return new EmbeddedTabletop(new TabletopRenderer(ObjectCatalogue.standard(), size, Randomization.NONE),
                new Scene(List.of()), 0);
    }

    @Override
    public synchronized void stage(Scene newScene) {
        requireOpen();
        scene = newScene;
    }

    /** The scene on the table now. */
    public synchronized Scene scene() {
        return scene;
    }

    @Override
    public synchronized Observation capture() {
        requireOpen();
        return Observation.of(renderer.render(scene, random), scene);
    }

    @Override
    public synchronized PickPlaceOutcome pickAndPlace(PickPlaceAction action) {
        requireOpen();
        Optional<SceneObject> grasped = scene.selectedBy(action.pick());
        if (grasped.isEmpty()) {
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "no object under the gripper at " + action.pick().format());
        }
        SceneObject object = grasped.get();
        Point place = action.place();
        double r = object.radius();
        if (place.x() < r || place.x() > 1 - r || place.y() < r || place.y() > 1 - r) {
            return new PickPlaceOutcome.PlaceFailed(object.name(), place,
                    "the " + object.name() + " would hang over the edge of the table at " + place.format());
        }
        for (SceneObject other : scene.objects()) {
            if (!other.name().equals(object.name()) && other.center().distanceTo(place) < other.radius() + r) {
                return new PickPlaceOutcome.PlaceFailed(object.name(), place,
                        "the " + object.name() + " would collide with the " + other.name() + " at " + place.format());
            }
        }
        scene = scene.withMoved(object.name(), place);
        return new PickPlaceOutcome.Placed(object.name(), place);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedded tabletop is closed");
        }
    }
}
