package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge's rules over the model's own grounding: what a chain of thought contradicts is caught. */
class GroundingCheckTest {

    private static final List<GroundedObject> GROUNDING = List.of(
            new GroundedObject("lemon", new Point(0.493, 0.522)),
            new GroundedObject("cable", new Point(0.902, 0.912)),
            new GroundedObject("mug", new Point(0.2, 0.2)));
    private final GroundingCheck check = new GroundingCheck();

    @Test
    void anActionThatFollowsTheGroundingPasses() {
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace",
                PickPlaceAction.of(0.5, 0.52, 0.8, 0.5))).isEmpty();
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it to the left of the cable",
                PickPlaceAction.of(0.493, 0.522, 0.702, 0.912))).isEmpty();
    }

    @Test
    void aPickPointOffTheGroundedTargetFails() {
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace",
                PickPlaceAction.of(0.21, 0.2, 0.8, 0.5))).hasValueSatisfying(p -> assertThat(p).contains("nearest to the grounded 'mug'"));
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace",
                PickPlaceAction.of(0.45, 0.522, 0.8, 0.5))).hasValueSatisfying(p -> assertThat(p).contains("off the grounded 'lemon'"));
    }

    @Test
    void aPlacePointInAnotherCellOrDirectionOrTooFarFails() {
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace",
                PickPlaceAction.of(0.493, 0.522, 0.5, 0.5))).hasValueSatisfying(p -> assertThat(p).contains("center cell"));
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it to the left of the cable",
                PickPlaceAction.of(0.493, 0.522, 0.746, 0.838))).hasValueSatisfying(p -> assertThat(p).contains("not safely to the left"));
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it to the left of the cable",
                PickPlaceAction.of(0.493, 0.522, 0.5, 0.912))).hasValueSatisfying(p -> assertThat(p).contains("farther than"));
    }

    @Test
    void aPlacePointOnASectorBoundaryFailsBecauseTheGroundedCenterMayBeOff() {
        // 22 degrees above "left" of the cable: left from the grounded center, top left from a center 0.02 lower
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it to the left of the cable",
                PickPlaceAction.of(0.493, 0.522, 0.702, 0.831))).isPresent();
    }

    @Test
    void anInstructionOrReferenceTheGroundingLacksFails() {
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it to the left of the bowl",
                PickPlaceAction.of(0.493, 0.522, 0.3, 0.5))).hasValueSatisfying(p -> assertThat(p).contains("no 'bowl'"));
        assertThat(check.problem(GROUNDING, "Pick the drill and place it in the center", PickPlaceAction.of(0.493, 0.522, 0.5, 0.5)))
                .isPresent();
        assertThat(check.problem(GROUNDING, "dance", PickPlaceAction.of(0.493, 0.522, 0.5, 0.5))).isPresent();
    }

    @Test
    void aPickOnAnObjectTheModelDidNotGroundUnderTheInstructionsNameIsAPickProblemNamingIt() {
        // "Pick the power drill ..." in a scene without a drill: the model picks the nearest thing, the lemon
        assertThat(check.pickProblem(GROUNDING, "Pick the power drill and place it in the center of the workspace",
                PickPlaceAction.of(0.493, 0.522, 0.5, 0.5))).hasValueSatisfying(problem ->
                assertThat(problem).contains("nearest to the grounded 'lemon', not 'power drill'"));
        // the place is not the pick check's business: a wrong cell passes it, and the full check catches it
        PickPlaceAction wrongCell = PickPlaceAction.of(0.493, 0.522, 0.1, 0.1);
        assertThat(check.pickProblem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace", wrongCell))
                .isEmpty();
        assertThat(check.problem(GROUNDING, "Pick the lemon and place it in the middle right of the workspace", wrongCell))
                .isPresent();
    }
}
