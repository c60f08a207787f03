package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.testing.OracleModelTestDouble;
import dev.lacy.core.testing.PaperScene;
import dev.lacy.core.testing.ScriptedModelTestDouble;
import dev.lacy.core.testing.TabletopTestDouble;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Demonstration TEST = new Demonstration(
            Observation.of(RgbImage.filled(2, 2, 0), PaperScene.SCENE),
            "Pick the lemon and place it in the middle right of the workspace",
            PickPlaceAction.of(0.513, 0.512, 0.773, 0.531));

    private final ConsistencyPairs pairs = new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER),
            OracleModelTestDouble.judge(), new InstructionTemplates());

    @Test
    void aModelThatAnswersCorrectlyScoresFullMarksAndEveryActionIsExecuted() {
        var table = new TabletopTestDouble(PaperScene.SCENE);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.of(new Workcell(table, table)), 3);
        var lacy = new Lacy(new OracleModelTestDouble(PaperScene.SCENE), LacyPromptFormat.withoutChainOfThought(), 64);

        EvaluationReport report = evaluator.evaluate(lacy, List.of(TEST, TEST));

        assertThat(report.scenes()).isEqualTo(2);
        assertThat(report.l2a().percent()).isEqualTo(100.0);
        assertThat(report.a2l().percent()).isEqualTo(100.0);
        assertThat(report.l2c()).isEqualTo(new TaskScore(4, 4));
        assertThat(report.l2cCases()).extracting(LabelledConfidence::consistent).containsExactly(true, false, true, false);
        assertThat(report.pick()).contains(new TaskScore(2, 2));
        assertThat(report.pickAndPlace()).contains(new TaskScore(2, 2));
        assertThat(table.actions()).isEqualTo(2);
    }

    @Test
    void wrongAndMalformedAnswersScoreNothing() {
        var model = new ScriptedModelTestDouble()
                .thenGenerate(LacyTask.L2A, "<pick> at (0.211,0.898) / <place> at (0.773,0.531)")
                .thenGenerate(LacyTask.A2L, "no idea")
                .thenScore(0, 5).thenScore(5, 0);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);

        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64), List.of(TEST));

        assertThat(report.l2a()).isEqualTo(new TaskScore(0, 1));
        assertThat(report.a2l()).isEqualTo(new TaskScore(0, 1));
        assertThat(report.l2c()).isEqualTo(new TaskScore(0, 2));
        assertThat(report.pick()).isEmpty();
    }

    @Test
    void anUnparseableTestInstructionScoresAsAFailureWithoutExecutingAnything() {
        var table = new TabletopTestDouble(PaperScene.SCENE);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.of(new Workcell(table, table)), 3);
        var odd = new Demonstration(TEST.observation(), "please tidy up", TEST.action());
        var model = new ScriptedModelTestDouble()
                .thenGenerate(LacyTask.L2A, "<pick> at (0.493,0.522) / <place> at (0.773,0.531)")
                .thenGenerate(LacyTask.A2L, "Pick the lemon and place it in the middle right of the workspace")
                .thenScore(5, 0).thenScore(0, 5);

        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64), List.of(odd));

        assertThat(report.l2a()).isEqualTo(new TaskScore(0, 1));
        assertThat(report.pick()).contains(new TaskScore(0, 1));
        assertThat(table.actions()).isZero();
    }

    @Test
    void aTestSampleWithoutItsSceneIsRefusedByIndex() {
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);
        var blind = new Demonstration(Observation.imageOnly(RgbImage.filled(2, 2, 0)), TEST.instruction(), TEST.action());

        assertThatThrownBy(() -> evaluator.evaluate(
                new Lacy(new ScriptedModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 8), List.of(blind)))
                .hasMessageContaining("test sample 0");
    }
}
