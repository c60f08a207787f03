package dev.lacy.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.judge.Verdict.Failure;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.testing.PaperScene;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionJudgeTest {

    private final ActionJudge judge = new ActionJudge(SpatialThresholds.PAPER);
    private final Scene scene = PaperScene.SCENE;

    @Test
    void acceptsThePapersExample() {
        Verdict verdict = judge.judge(scene, "Pick the lemon and place it in the middle right of the workspace",
                PickPlaceAction.of(0.513, 0.512, 0.773, 0.531));
        assertThat(verdict.success()).isTrue();
        assertThat(verdict.picked()).contains("lemon");
    }

    @Test
    void rejectsAPlaceInAnotherCell() {
        Verdict verdict = judge.judge(scene, "Pick the lemon and place it in the top right of the workspace",
                PickPlaceAction.of(0.513, 0.512, 0.773, 0.531));
        assertThat(verdict.failure()).isEqualTo(Failure.WRONG_CELL);
        assertThat(verdict.reason()).contains("middle right");
    }

    @Test
    void rejectsAPickOnAnotherObjectOrOnNothing() {
        assertThat(judge.judge(scene, "Pick the lemon and place it in the center", PickPlaceAction.of(0.211, 0.898, 0.5, 0.5))
                .failure()).isEqualTo(Failure.WRONG_OBJECT);
        Verdict nothing = judge.judge(scene, "Pick the lemon and place it in the center", PickPlaceAction.of(0.7, 0.7, 0.5, 0.5));
        assertThat(nothing.failure()).isEqualTo(Failure.NOTHING_PICKED);
        assertThat(nothing.picked()).isEmpty();
    }

    @Test
    void aPickInsideTwoFootprintsSelectsTheNearerCenter() {
        var overlapping = new Scene(List.of(
                new SceneObject("lemon", new Point(0.50, 0.5), 0.1),
                new SceneObject("cable", new Point(0.62, 0.5), 0.1)));
        var action = PickPlaceAction.of(0.57, 0.5, 0.1, 0.1);
        assertThat(judge.judge(overlapping, "Pick the lemon and place it in the top left", action).failure())
                .isEqualTo(Failure.WRONG_OBJECT);
        assertThat(judge.judge(overlapping, "Pick the cable and place it in the top left", action).success()).isTrue();
    }

    @Test
    void relativePlacementNeedsTheSectorAndTheDistance() {
        var pickLemon = new Point(0.493, 0.522);
        String instruction = "Pick the lemon and place it to the left of the cable";
        assertThat(judge.judge(scene, instruction, new PickPlaceAction(pickLemon, new Point(0.75, 0.912))).success()).isTrue();
        assertThat(judge.judge(scene, instruction, new PickPlaceAction(pickLemon, new Point(0.5, 0.912))).failure())
                .isEqualTo(Failure.TOO_FAR_FROM_REFERENCE);
        assertThat(judge.judge(scene, instruction, new PickPlaceAction(pickLemon, new Point(0.902, 0.75))).failure())
                .isEqualTo(Failure.WRONG_DIRECTION);
    }

    @Test
    void instructionsThatCannotApplyToTheSceneSayWhy() {
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);
        assertThat(judge.judge(scene, "Pick the banana and place it in the center", action))
                .satisfies(v -> assertThat(v.failure()).isEqualTo(Failure.UNKNOWN_TARGET))
                .satisfies(v -> assertThat(v.reason()).contains("banana").contains("lemon"));
        assertThat(judge.judge(scene, "Pick the lemon and place it to the left of the banana", action).failure())
                .isEqualTo(Failure.UNKNOWN_REFERENCE);
        assertThat(judge.judge(scene, "Pick the lemon and place it to the left of the lemon", action).failure())
                .isEqualTo(Failure.REFERENCE_IS_TARGET);
        assertThat(judge.judge(scene, "do a dance", action).failure()).isEqualTo(Failure.UNPARSEABLE_INSTRUCTION);
        assertThat(Failure.UNKNOWN_TARGET.aboutInstruction()).isTrue();
        assertThat(Failure.WRONG_CELL.aboutInstruction()).isFalse();
    }
}
