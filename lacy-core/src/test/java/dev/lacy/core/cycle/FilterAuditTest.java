package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.testing.PaperScene;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The judge measures Algorithm 1's filter where the scene is known, and only there. */
class FilterAuditTest {

    private static final String INSTRUCTION = "Pick the lemon and place it in the middle right of the workspace";
    private static final PickPlaceAction RIGHT = PickPlaceAction.of(0.493, 0.522, 0.8, 0.5);
    private static final PickPlaceAction WRONG_OBJECT = PickPlaceAction.of(0.211, 0.898, 0.8, 0.5);
    private static final PickPlaceAction WRONG_CELL = PickPlaceAction.of(0.493, 0.522, 0.2, 0.2);
    private final FilterAudit audit = new FilterAudit(new ActionJudge(SpatialThresholds.PAPER));

    private static AugmentationStep step(Optional<PickPlaceAction> greedy, AugmentationStep.VerifiedCandidate... verified) {
        return new AugmentationStep(0.3, greedy, true, 8, 0, 0, List.of(verified), List.of());
    }

    private static AugmentationStep.VerifiedCandidate candidate(PickPlaceAction action, boolean accepted) {
        return new AugmentationStep.VerifiedCandidate(action, 1, true, accepted ? 8 : 0, 8, accepted);
    }

    @Test
    void acceptedAndRejectedCandidatesAndTheGreedyActionAreJudgedAgainstTheScene() {
        var example = new InstructionSample(Observation.of(RgbImage.filled(4, 4, 0), PaperScene.SCENE), INSTRUCTION);

        FilterAudit.Tally tally = audit.audit(example, step(Optional.of(WRONG_CELL),
                candidate(RIGHT, true), candidate(WRONG_OBJECT, true), candidate(WRONG_CELL, false), candidate(RIGHT, false)));

        assertThat(tally.precision()).isEqualTo(new TaskScore(1, 2));
        assertThat(tally.rejected()).isEqualTo(new TaskScore(1, 2));
        assertThat(tally.sampledGreedy()).isEqualTo(new TaskScore(0, 1));
        assertThat(tally.greedy()).isEqualTo(new TaskScore(0, 1));
    }

    @Test
    void anExampleWithoutAKnownSceneIsCountedButNotJudged() {
        var example = new InstructionSample(Observation.imageOnly(RgbImage.filled(4, 4, 0)), INSTRUCTION);

        FilterAudit.Tally tally = audit.audit(example, step(Optional.of(RIGHT), candidate(RIGHT, true)));

        assertThat(tally.examples()).isEqualTo(1);
        assertThat(tally.judged()).isZero();
        assertThat(tally.sampled()).isEqualTo(1);
        assertThat(tally.precision().total()).isZero();
    }

    @Test
    void tallyAddsUp() {
        var example = new InstructionSample(Observation.of(RgbImage.filled(4, 4, 0), PaperScene.SCENE), INSTRUCTION);
        FilterAudit.Tally one = audit.audit(example, step(Optional.of(RIGHT), candidate(RIGHT, true)));
        FilterAudit.Tally confident = audit.audit(example, new AugmentationStep(0.95, Optional.of(RIGHT), false, 0, 0, 0,
                List.of(), List.of()));

        FilterAudit.Tally sum = FilterAudit.Tally.NONE.plus(one).plus(confident);

        assertThat(sum.examples()).isEqualTo(2);
        assertThat(sum.precision()).isEqualTo(new TaskScore(1, 1));
        assertThat(sum.greedy()).isEqualTo(new TaskScore(2, 2));
        assertThat(sum.confidentGreedy()).isEqualTo(new TaskScore(1, 1));
    }
}
