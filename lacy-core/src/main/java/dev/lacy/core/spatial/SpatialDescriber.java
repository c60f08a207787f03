package dev.lacy.core.spatial;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Describes where an action places its object, as the paper's section III-C prescribes: relative
 * to the nearest other object when the place point is near it, absolute on the 3x3 grid when it is
 * far, and a seeded random choice where both are allowed, which balances the two kinds.
 */
public final class SpatialDescriber {

    private final SpatialThresholds thresholds;

    public SpatialDescriber(SpatialThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds are required");
        }
        this.thresholds = thresholds;
    }

    public SpatialThresholds thresholds() {
        return thresholds;
    }

    /** The object the action picks, or an exception naming the empty pick point. */
    public SceneObject pickedObject(Scene scene, PickPlaceAction action) {
        return scene.selectedBy(action.pick()).orElseThrow(() -> new IllegalArgumentException(
                "pick point " + action.pick().format() + " lies on no object of the scene"));
    }

    /**
     * Every placement the rule allows for this action: one or two, the relative one first when
     * both are allowed.
     */
    public List<Placement> allowedPlacements(Scene scene, PickPlaceAction action) {
        SceneObject picked = pickedObject(scene, action);
        Optional<SceneObject> nearest = scene.nearestContourTo(action.place(), picked.name());
        var allowed = new ArrayList<Placement>(2);
        double distance = nearest.map(o -> o.contourDistance(action.place())).orElse(Double.POSITIVE_INFINITY);
        if (nearest.isPresent() && thresholds.allowsRelative(distance)) {
            SceneObject reference = nearest.get();
            allowed.add(new Placement.Relative(Direction.from(reference.center(), action.place()), reference.name()));
        }
        if (thresholds.allowsAbsolute(distance)) {
            allowed.add(new Placement.Absolute(GridCell.of(action.place())));
        }
        return List.copyOf(allowed);
    }

    /**
     * The one description a model is taught to give for the action (A2L's training target): the
     * absolute placement where the rule allows it, the relative one only where the place point is
     * too near another object for an absolute one. Both are correct where both are allowed; one
     * fixed choice makes the target a function of the scene and the action (docs/trainer.md).
     */
    public Instruction canonical(Scene scene, PickPlaceAction action) {
        List<Placement> allowed = allowedPlacements(scene, action);
        return new Instruction(pickedObject(scene, action).name(), allowed.get(allowed.size() - 1));
    }

    /** The instruction that describes the action, choosing at random where both kinds are allowed. */
    public Instruction describe(Scene scene, PickPlaceAction action, RandomGenerator random) {
        List<Placement> allowed = allowedPlacements(scene, action);
        Placement placement = allowed.size() == 1 ? allowed.get(0) : allowed.get(random.nextInt(allowed.size()));
        return new Instruction(pickedObject(scene, action).name(), placement);
    }
}
