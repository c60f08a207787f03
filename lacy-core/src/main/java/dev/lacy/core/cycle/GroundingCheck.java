package dev.lacy.core.cycle;

import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Does an action carry out an instruction in the scene as the model itself grounded it? The spatial rules of
 * the judge, applied to the objects and centers of the model's own grounding sentence instead of a scene (which
 * Algorithm 1 never has): the pick point lies within {@link #PICK_RADIUS} of the grounded target's center and
 * nearer to it than to any other grounded object; an absolute place point lies in the named cell; a relative one
 * lies in the named direction from the grounded reference's center, for that center moved by up to
 * {@link #CENTER_MARGIN} either way (the grounding's error), and at most {@link #RELATIVE_REACH} from it.
 *
 * <p>It rejects what a chain of thought contradicts: a pick point copied wrongly from the grounding, a place
 * point computed in the wrong direction; it cannot see what the grounding itself got wrong. Pure and thread-safe.
 */
public final class GroundingCheck {

    /** How far from the grounded center a pick point may be (the catalogue's smallest footprint radius is 0.04). */
    public static final double PICK_RADIUS = 0.03;
    /** How far a grounded center may be from the true one, for the direction of a relative place point. */
    public static final double CENTER_MARGIN = 0.02;
    /** The farthest a relative place point may be from the reference's center (the judge allows 0.3 from its contour). */
    public static final double RELATIVE_REACH = 0.3;

    private final InstructionParser parser = new InstructionParser();

    /** Empty when the action is consistent with the grounding, otherwise why not. */
    public Optional<String> problem(List<GroundedObject> grounding, String instruction, PickPlaceAction action) {
        Optional<String> pick = pickProblem(grounding, instruction, action);
        if (pick.isPresent()) {
            return pick;
        }
        return placeProblem(grounding, parser.parse(instruction).orElseThrow(), action);
    }

    /**
     * Empty when the pick point falls on the object the instruction names as the model grounded it (within {@link
     * #PICK_RADIUS} of its center, nearer to it than to any other grounded object), otherwise why not: what a robot
     * should check before it moves ({@code lacy run}).
     */
    public Optional<String> pickProblem(List<GroundedObject> grounding, String instruction, PickPlaceAction action) {
        Parsed<Instruction> parsed = parser.parse(instruction);
        if (parsed instanceof Parsed.Failure<Instruction> failure) {
            return Optional.of("the instruction does not parse: " + failure.reason());
        }
        Instruction wanted = parsed.orElseThrow();
        Optional<GroundedObject> nearest = grounding.stream()
                .min(Comparator.comparingDouble(o -> o.center().distanceTo(action.pick())));
        if (nearest.isEmpty()) {
            return Optional.of("the grounding lists no object");
        }
        if (!nearest.get().name().equals(wanted.target())) {
            return Optional.of("the pick point " + action.pick().format() + " is nearest to the grounded '" + nearest.get().name()
                    + "', not '" + wanted.target() + "'");
        }
        if (nearest.get().center().distanceTo(action.pick()) > PICK_RADIUS) {
            return Optional.of("the pick point " + action.pick().format() + " is off the grounded '" + wanted.target() + "' at "
                    + nearest.get().center().format());
        }
        return Optional.empty();
    }

    /**
     * Why a robot must not execute an answer's action: its pick does not fall on the object the instruction names as
     * the answer's own grounding has it ({@link #pickProblem}), or the answer has no grounding to check it against, or
     * no action. The reason names what the model grounded. Empty when the action may be executed.
     */
    public Optional<String> refusal(TaskAnswer<PickPlaceAction> answer, String instruction) {
        if (!(answer instanceof TaskAnswer.Answered<PickPlaceAction> answered)) {
            return Optional.of("the answer has no usable action");
        }
        Optional<String> problem = answered.grounding()
                .map(objects -> pickProblem(objects, instruction, answered.value()))
                .orElse(Optional.of("the answer has no grounding to check the pick against"));
        return problem.map(p -> p + " (the model grounded: " + answered.grounding().map(objects -> objects.isEmpty()
                ? "nothing" : objects.stream().map(o -> o.name() + " at " + o.center().format())
                        .collect(java.util.stream.Collectors.joining(", "))).orElse("no objects") + ")");
    }

    private static Optional<String> placeProblem(List<GroundedObject> grounding, Instruction wanted, PickPlaceAction action) {
        if (wanted.placement() instanceof Placement.Absolute absolute) {
            GridCell cell = GridCell.of(action.place());
            return cell == absolute.cell() ? Optional.empty() : Optional.of("the place point " + action.place().format()
                    + " is in the " + cell.phrase() + " cell, not the " + absolute.cell().phrase());
        }
        var relative = (Placement.Relative) wanted.placement();
        Optional<GroundedObject> reference = grounding.stream().filter(o -> o.name().equals(relative.reference()))
                .min(Comparator.comparingDouble(o -> o.center().distanceTo(action.place())));
        if (reference.isEmpty()) {
            return Optional.of("the grounding has no '" + relative.reference() + "'");
        }
        Point center = reference.get().center();
        if (center.distanceTo(action.place()) > RELATIVE_REACH) {
            return Optional.of("the place point " + action.place().format() + " is farther than " + RELATIVE_REACH
                    + " from the grounded '" + relative.reference() + "'");
        }
        for (double dx : new double[] {-CENTER_MARGIN, 0, CENTER_MARGIN}) {
            for (double dy : new double[] {-CENTER_MARGIN, 0, CENTER_MARGIN}) {
                Direction direction = Direction.from(new Point(clamp(center.x() + dx), clamp(center.y() + dy)), action.place());
                if (direction != relative.direction()) {
                    return Optional.of("the place point " + action.place().format() + " is not safely to the "
                            + relative.direction().phrase() + " of the grounded '" + relative.reference() + "' at " + center.format());
                }
            }
        }
        return Optional.empty();
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
