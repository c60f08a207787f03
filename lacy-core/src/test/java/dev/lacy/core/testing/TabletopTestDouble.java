package dev.lacy.core.testing;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.Optional;

/**
 * A test double of a table with an arm and a camera: a scene in memory, a grasp that takes the
 * object the pick point selects, and an "image" of one pixel per object. It counts the actions it
 * executed.
 */
public final class TabletopTestDouble implements RobotArm, Camera, SceneStager {

    private Scene scene;
    private boolean closed;
    private int actions;

    public TabletopTestDouble(Scene scene) {
        this.scene = scene;
    }

    @Override
    public void stage(Scene newScene) {
        requireOpen();
        scene = newScene;
    }

    @Override
    public PickPlaceOutcome pickAndPlace(PickPlaceAction action) {
        requireOpen();
        actions++;
        Optional<SceneObject> picked = scene.selectedBy(action.pick());
        if (picked.isEmpty()) {
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "no object under the gripper");
        }
        scene = scene.withMoved(picked.get().name(), action.place());
        return new PickPlaceOutcome.Placed(picked.get().name(), action.place());
    }

    @Override
    public Observation capture() {
        requireOpen();
        return Observation.of(RgbImage.filled(scene.objects().size() + 1, 1, 0x102030), scene);
    }

    public int actions() {
        return actions;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the table double is closed");
        }
    }
}
