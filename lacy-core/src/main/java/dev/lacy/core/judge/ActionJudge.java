package dev.lacy.core.judge;

import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.Optional;

/**
 * Decides whether an action satisfies an instruction in a known scene (docs/method.md, "Success: the judge"):
 * the pick point must select the named object (nearest center among the footprints containing it);
 * an absolute placement must land in the named cell; a relative one in the named direction sector
 * from the reference's center, at most {@code d_rel} from its outer contour. Points are in
 * [0, 1] x [0, 1] by construction of {@link Point}. Immutable and thread-safe.
 */
public final class ActionJudge {

    private final SpatialThresholds thresholds;
    private final InstructionParser parser = new InstructionParser();

    public ActionJudge(SpatialThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds are required");
        }
        this.thresholds = thresholds;
    }

    /** Judges instruction text; an unparseable text is a failure of kind UNPARSEABLE_INSTRUCTION. */
    public Verdict judge(Scene scene, String instruction, PickPlaceAction action) {
        Optional<String> picked = scene.selectedBy(action.pick()).map(SceneObject::name);
        Parsed<Instruction> parsed = parser.parse(instruction);
        if (parsed instanceof Parsed.Failure<Instruction> failure) {
            return Verdict.failure(picked, Verdict.Failure.UNPARSEABLE_INSTRUCTION, failure.reason());
        }
        return judge(scene, parsed.orElseThrow(), action);
    }

    public Verdict judge(Scene scene, Instruction instruction, PickPlaceAction action) {
        Optional<String> picked = scene.selectedBy(action.pick()).map(SceneObject::name);
        if (scene.find(instruction.target()).isEmpty()) {
            return Verdict.failure(picked, Verdict.Failure.UNKNOWN_TARGET, "the instruction names '"
                    + instruction.target() + "', which is not in the scene " + scene.names());
        }
        if (instruction.placement() instanceof Placement.Relative relative) {
            if (scene.find(relative.reference()).isEmpty()) {
                return Verdict.failure(picked, Verdict.Failure.UNKNOWN_REFERENCE, "the instruction places relative to '"
                        + relative.reference() + "', which is not in the scene " + scene.names());
            }
            if (relative.reference().equals(instruction.target())) {
                return Verdict.failure(picked, Verdict.Failure.REFERENCE_IS_TARGET,
                        "the instruction places '" + instruction.target() + "' relative to itself");
            }
        }
        if (picked.isEmpty()) {
            return Verdict.failure(picked, Verdict.Failure.NOTHING_PICKED,
                    "pick point " + action.pick().format() + " lies on no object");
        }
        if (!picked.get().equals(instruction.target())) {
            return Verdict.failure(picked, Verdict.Failure.WRONG_OBJECT, "pick point " + action.pick().format()
                    + " selects '" + picked.get() + "', not '" + instruction.target() + "'");
        }
        return judgePlacement(scene, instruction.placement(), action.place(), picked.get());
    }

    private Verdict judgePlacement(Scene scene, Placement placement, Point place, String picked) {
        if (placement instanceof Placement.Absolute absolute) {
            GridCell actual = GridCell.of(place);
            if (actual != absolute.cell()) {
                return Verdict.failure(Optional.of(picked), Verdict.Failure.WRONG_CELL, "place point "
                        + place.format() + " is in the " + actual.phrase() + " cell, not the " + absolute.cell().phrase());
            }
            return Verdict.success(picked, "picked '" + picked + "' and placed it in the " + actual.phrase() + " cell");
        }
        var relative = (Placement.Relative) placement;
        SceneObject reference = scene.find(relative.reference()).orElseThrow();
        Direction actual = Direction.from(reference.center(), place);
        if (actual != relative.direction()) {
            return Verdict.failure(Optional.of(picked), Verdict.Failure.WRONG_DIRECTION, "place point " + place.format()
                    + " is to the " + actual.phrase() + " of the " + reference.name() + ", not the "
                    + relative.direction().phrase());
        }
        double distance = reference.contourDistance(place);
        if (distance > thresholds.relative()) {
            return Verdict.failure(Optional.of(picked), Verdict.Failure.TOO_FAR_FROM_REFERENCE, String.format(
                    java.util.Locale.ROOT, "place point %s is %.3f from the %s's contour, more than d_rel = %.3f",
                    place.format(), distance, reference.name(), thresholds.relative()));
        }
        return Verdict.success(picked, "picked '" + picked + "' and placed it to the " + actual.phrase()
                + " of the " + reference.name());
    }
}
