package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.testing.OracleModelTestDouble;
import dev.lacy.core.testing.PaperScene;
import dev.lacy.core.testing.ScriptedModelTestDouble;
import dev.lacy.core.testing.TabletopTestDouble;
import java.util.ArrayList;
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
        assertThat(report.l2aFailures()).isEmpty();
        assertThat(report.a2lMisses()).isEmpty();
        assertThat(report.l2aGrounding()).as("no grounding sentence without chain of thought").isEmpty();
    }

    @Test
    void theGroundingSentenceOpeningEachL2aChainOfThoughtIsScoredAgainstTheScene() {
        String rest = "\nThe place is in the middle right at (0.773,0.531). Pick the lemon at (0.495,0.520).\n"
                + "<pick> at (0.495,0.520) / <place> at (0.773,0.531)";
        var model = new ScriptedModelTestDouble()
                // every object named, each within its footprint
                .thenGenerate(LacyTask.L2A, "There are 4 objects in the image: red wood block at (0.450,0.125), lemon at (0.495,0.520), "
                        + "mustard bottle at (0.210,0.900), cable at (0.900,0.910)." + rest)
                // announces 4 and lists 3: not exact; of the three it lists, the mustard bottle is placed off its footprint
                .thenGenerate(LacyTask.L2A, "There are 4 objects in the image: lemon at (0.495,0.520), mustard bottle at (0.400,0.600), "
                        + "cable at (0.900,0.910)." + rest);
        for (int i = 0; i < 2; i++) {
            model.thenGenerate(LacyTask.A2L, "no idea");
        }
        for (int i = 0; i < 4; i++) {
            model.thenGenerate(LacyTask.L2C, "L2C lemon, lemon:1\n");
        }
        model.thenScore(5, 0).thenScore(0, 5).thenScore(5, 0).thenScore(0, 5);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);

        // as the model writes them (a Lacy that holds them would close the second, counted as listed)
        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.withChainOfThought(), 64, false),
                List.of(TEST, TEST));

        assertThat(report.l2a()).isEqualTo(new TaskScore(2, 2));
        assertThat(report.l2aGrounding()).contains(new GroundingScore(new TaskScore(1, 2), new TaskScore(4 + 2, 8)));
    }

    @Test
    void scenesEvaluatedApartInAnyOrderGiveTheReportOfTheWholeSet() {
        var table = new TabletopTestDouble(PaperScene.SCENE);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.of(new Workcell(table, table)), 3);
        var lacy = new Lacy(new OracleModelTestDouble(PaperScene.SCENE), LacyPromptFormat.withoutChainOfThought(), 64);
        List<Demonstration> tests = List.of(TEST, TEST, TEST);
        List<Evaluator.L2cPair> drawn = evaluator.l2cPairs(tests);

        // the last scene first, as another machine might score it
        Evaluator.SceneResult last = evaluator.evaluateScene(lacy, TEST, 2, drawn.get(2));
        var results = List.of(evaluator.evaluateScene(lacy, TEST, 0, drawn.get(0)),
                evaluator.evaluateScene(lacy, TEST, 1, drawn.get(1)), last);

        assertThat(evaluator.report(results)).isEqualTo(evaluator.evaluate(lacy, tests));
        assertThat(evaluator.l2cPairs(tests)).isEqualTo(drawn);
        assertThatThrownBy(() -> evaluator.report(List.of(results.get(1), results.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("result 0 is scene 1");
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
        assertThat(report.l2aFailures()).containsExactly(entry("wrong object", 1));
        // without chain of thought any text is a description; the judge cannot parse this one
        assertThat(report.a2lFailures()).containsExactly(entry("unparseable instruction", 1));
        assertThat(report.a2lMisses()).singleElement().satisfies(miss -> {
            assertThat(miss.scene()).isZero();
            assertThat(miss.instruction()).isEqualTo(TEST.instruction());
            assertThat(miss.completion()).isEqualTo("no idea");
            assertThat(miss.detail()).isNotBlank();
        });
        // both L2C cases missed: the consistent pair judged inconsistent, then the inconsistent one consistent
        Evaluator.L2cPair pair = evaluator.l2cPairs(List.of(TEST)).get(0);
        assertThat(report.l2cMisses()).extracting(EvaluationReport.L2cMiss::other, EvaluationReport.L2cMiss::consistent)
                .containsExactly(tuple(pair.consistent(), true), tuple(pair.inconsistent(), false));
        assertThat(report.l2cMisses()).allSatisfy(miss -> {
            assertThat(miss.scene()).isZero();
            assertThat(miss.instruction()).isEqualTo(TEST.instruction());
        });
        assertThat(report.l2cMisses().get(0).confidence()).isLessThan(0.5);
        assertThat(report.l2cMisses().get(1).confidence()).isGreaterThan(0.5);
    }

    @Test
    void withAFormatThatGroundsFirstEachSceneIsGroundedOnceForAllThreeTasksAndThatSentenceIsScored() {
        String exact = "There are 4 objects in the image: red wood block at (0.450,0.125), lemon at (0.495,0.520), "
                + "mustard bottle at (0.210,0.900), cable at (0.900,0.910).";
        var model = new ScriptedModelTestDouble().thenGenerate(LacyTask.GROUNDING, exact)
                .thenGenerate(LacyTask.GROUNDING, "There are 3 objects in the image: lemon at (0.495,0.520), "
                        + "mustard bottle at (0.210,0.900), cable at (0.900,0.910).");
        for (int i = 0; i < 2; i++) {
            model.thenGenerate(LacyTask.L2A, "The place is in the middle right at (0.773,0.531). Pick the lemon at (0.495,0.520).\n"
                    + "<pick> at (0.495,0.520) / <place> at (0.773,0.531)");
            model.thenGenerate(LacyTask.A2L, "no idea");
        }
        for (int i = 0; i < 4; i++) {
            model.thenGenerate(LacyTask.L2C, "L2C lemon, lemon:1\n");
        }
        model.thenScore(5, 0).thenScore(0, 5).thenScore(5, 0).thenScore(0, 5);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);

        var other = new Demonstration(Observation.of(RgbImage.filled(2, 2, 1), PaperScene.SCENE), TEST.instruction(), TEST.action());

        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.groundingFirst(), 64), List.of(TEST, other));

        assertThat(model.generations(LacyTask.GROUNDING)).hasSize(2);
        assertThat(model.generations(LacyTask.L2A).get(0).prompt()).endsWith(exact + "\n");
        assertThat(model.generations(LacyTask.A2L).get(1).prompt()).endsWith("cable at (0.900,0.910).\n");
        assertThat(model.generations(LacyTask.L2C)).allSatisfy(r -> assertThat(r.prompt()).endsWith("cable at (0.900,0.910).\n"));
        assertThat(report.l2a()).isEqualTo(new TaskScore(2, 2));
        assertThat(report.l2c()).isEqualTo(new TaskScore(4, 4));
        assertThat(report.l2aGrounding()).contains(new GroundingScore(new TaskScore(1, 2), new TaskScore(4 + 3, 8)));
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void everyL2aMissIsCountedUnderOneReason() {
        // the judge accepts the third action, but the arm drops what it grasps on the way
        var table = new TabletopTestDouble(PaperScene.SCENE);
        RobotArm dropping = new RobotArm() {
            @Override
            public PickPlaceOutcome pickAndPlace(PickPlaceAction action) {
                PickPlaceOutcome outcome = table.pickAndPlace(action);
                return outcome instanceof PickPlaceOutcome.Placed placed
                        ? new PickPlaceOutcome.PlaceFailed(placed.object(), action.place(), "dropped") : outcome;
            }

            @Override
            public void close() {
            }
        };
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.of(new Workcell(table, dropping)), 3);
        var model = new ScriptedModelTestDouble();
        for (String answer : List.of("<pick> at (0.513,0.512) and somewhere", "<pick> at (0.513,0.512) / <place> at (0.200,0.200)",
                "<pick> at (0.513,0.512) / <place> at (0.773,0.531)", "<pick> at (0.211,0.898) / <place> at (0.773,0.531)")) {
            model.thenGenerate(LacyTask.L2A, answer).thenGenerate(LacyTask.A2L, TEST.instruction()).thenScore(5, 0).thenScore(0, 5);
        }

        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64),
                List.of(TEST, TEST, TEST, TEST));

        assertThat(report.l2a()).isEqualTo(new TaskScore(0, 4));
        assertThat(report.l2aFailures()).containsExactly(entry(EvaluationReport.EXECUTION, 1),
                entry(EvaluationReport.MALFORMED, 1), entry("wrong cell", 1), entry("wrong object", 1));
        assertThat(report.pick()).contains(new TaskScore(2, 4));
        assertThat(report.l2aMisses()).extracting(EvaluationReport.L2aMiss::scene).containsExactly(0, 1, 2, 3);
        assertThat(report.l2aMisses().get(0).completion()).isEqualTo("<pick> at (0.513,0.512) and somewhere");
        assertThat(report.l2aMisses().get(1).detail()).contains("top left");
        assertThat(report.l2aMisses().get(2).detail()).contains("dropped");
    }

    @Test
    void everyA2lMissIsNamedWithTheJudgesReason() {
        // a description of another object, then of the right object in another cell, then the right one
        var model = new ScriptedModelTestDouble();
        for (String description : List.of("Pick the cable and place it in the middle right of the workspace",
                "Pick the lemon and place it in the top left of the workspace", TEST.instruction())) {
            model.thenGenerate(LacyTask.L2A, "<pick> at (0.513,0.512) / <place> at (0.773,0.531)")
                    .thenGenerate(LacyTask.A2L, description).thenScore(5, 0).thenScore(0, 5);
        }
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);

        EvaluationReport report = evaluator.evaluate(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64),
                List.of(TEST, TEST, TEST));

        assertThat(report.a2l()).isEqualTo(new TaskScore(1, 3));
        assertThat(report.a2lFailures()).containsExactly(entry("wrong cell", 1), entry("wrong object", 1));
        assertThat(report.a2lMisses()).extracting(EvaluationReport.A2lMiss::scene, EvaluationReport.A2lMiss::reason)
                .containsExactly(tuple(0, "wrong object"), tuple(1, "wrong cell"));
        assertThat(report.a2lMisses().get(1).completion())
                .isEqualTo("Pick the lemon and place it in the top left of the workspace");
        assertThat(report.a2lMisses().get(1).detail()).contains("top left");
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
        assertThat(report.l2aFailures()).containsExactly(entry("unparseable instruction", 1));
    }

    @Test
    void aTestSampleWithoutItsSceneIsRefusedByIndex() {
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.empty(), 3);
        var blind = new Demonstration(Observation.imageOnly(RgbImage.filled(2, 2, 0)), TEST.instruction(), TEST.action());

        assertThatThrownBy(() -> evaluator.evaluate(
                new Lacy(new ScriptedModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 8), List.of(blind)))
                .hasMessageContaining("test sample 0");
    }

    @Test
    void scenesEvaluatedTogetherGetTheResultsTheyGetApartFromOneModelCallPerTask() {
        var table = new TabletopTestDouble(PaperScene.SCENE);
        var evaluator = new Evaluator(OracleModelTestDouble.judge(), pairs, Optional.of(new Workcell(table, table)), 3);
        var oracle = new OracleModelTestDouble(PaperScene.SCENE);
        var calls = new ArrayList<String>();
        var recording = new dev.lacy.core.port.VisionLanguageModel() {
            @Override
            public List<String> generate(dev.lacy.core.port.GenerationRequest request) {
                return oracle.generate(request);
            }

            @Override
            public List<List<String>> generateAll(List<dev.lacy.core.port.GenerationRequest> requests) {
                calls.add(requests.get(0).task() + " x" + requests.size());
                return requests.stream().map(oracle::generate).toList();
            }

            @Override
            public dev.lacy.core.port.BinaryLogits scoreBinaryChoice(dev.lacy.core.port.BinaryChoiceRequest request) {
                return oracle.scoreBinaryChoice(request);
            }

            @Override
            public List<dev.lacy.core.port.BinaryLogits> scoreAll(List<dev.lacy.core.port.BinaryChoiceRequest> requests) {
                calls.add("score x" + requests.size());
                return requests.stream().map(oracle::scoreBinaryChoice).toList();
            }

            @Override
            public void close() {
            }
        };
        var lacy = new Lacy(recording, LacyPromptFormat.withoutChainOfThought(), 64);
        List<Demonstration> tests = java.util.Collections.nCopies(Evaluator.BATCH + 3, TEST);
        List<Evaluator.L2cPair> drawn = evaluator.l2cPairs(tests);
        var apart = new ArrayList<Evaluator.SceneResult>();
        for (int i = 0; i < tests.size(); i++) {
            apart.add(evaluator.evaluateScene(lacy, TEST, i, drawn.get(i)));
        }
        calls.clear();

        EvaluationReport together = evaluator.evaluate(lacy, tests);

        assertThat(together).isEqualTo(evaluator.report(apart));
        assertThat(together.pickAndPlace()).contains(new TaskScore(tests.size(), tests.size()));
        assertThat(calls).containsExactly("L2A x" + Evaluator.BATCH, "A2L x" + Evaluator.BATCH, "score x" + 2 * Evaluator.BATCH,
                "L2A x3", "A2L x3", "score x6");
    }
}
