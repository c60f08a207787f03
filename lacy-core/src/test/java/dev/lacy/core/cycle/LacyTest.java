package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.testing.PaperScene;
import dev.lacy.core.testing.ScriptedModelTestDouble;
import org.junit.jupiter.api.Test;

class LacyTest {

    private static final RgbImage IMAGE = RgbImage.filled(2, 2, 0);
    private static final String GROUNDING = "There is 1 object in the image: lemon at (0.500,0.500).";
    private final ScriptedModelTestDouble model = new ScriptedModelTestDouble();
    private final Lacy lacy = new Lacy(model, LacyPromptFormat.withChainOfThought(), 128);

    @Test
    void l2aReadsTheActionAfterTheGrounding() {
        model.thenGenerate(LacyTask.L2A, GROUNDING + "\n<pick> at (0.500,0.500) / <place> at (0.100,0.200)");

        TaskAnswer<PickPlaceAction> answer = lacy.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer).isInstanceOf(TaskAnswer.Answered.class);
        assertThat(((TaskAnswer.Answered<PickPlaceAction>) answer).grounding())
                .hasValueSatisfying(g -> assertThat(g).hasSize(1));
        assertThat(answer.parsed()).contains(PickPlaceAction.of(0.5, 0.5, 0.1, 0.2));
    }

    @Test
    void l2aActsOnTheReferentsLineWhereTheAnswerLineMiscopiesIt() {
        model.thenGenerate(LacyTask.L2A, GROUNDING + "\nThe place is in the top left at (0.167,0.167). Pick the lemon at (0.500,0.500)."
                + "\n<pick> at (0.500,0.859) / <place> at (0.167,0.167)");

        TaskAnswer<PickPlaceAction> answer = lacy.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer.parsed()).contains(PickPlaceAction.of(0.5, 0.5, 0.167, 0.167));
        assertThat(answer.raw()).endsWith("<pick> at (0.500,0.859) / <place> at (0.167,0.167)");
    }

    @Test
    void aCenterTheReferentsLineCopiesWrongIsHeldToTheGroundingAndTheModelContinuesFromIt() {
        String grounding = "There are 2 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).\n";
        String wrong = "The place is in the top left at (0.167,0.167). Pick the lemon at (0.300,0.500).";
        String held = "The place is in the top left at (0.167,0.167). Pick the lemon at (0.500,0.500).";
        model.thenGenerate(LacyTask.L2A, grounding + wrong + "\n<pick> at (0.300,0.500) / <place> at (0.167,0.167)")
                .thenGenerate(LacyTask.L2A, "\n<pick> at (0.500,0.500) / <place> at (0.167,0.167)");

        TaskAnswer<PickPlaceAction> answer = lacy.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer.parsed()).contains(PickPlaceAction.of(0.5, 0.5, 0.167, 0.167));
        assertThat(answer.raw()).isEqualTo(grounding + held + "\n<pick> at (0.500,0.500) / <place> at (0.167,0.167)");
        // the second call continues the first prompt from the corrected copy, greedily, one sample
        var calls = model.generations(LacyTask.L2A);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).prompt()).isEqualTo(calls.get(0).prompt() + grounding + held);
        assertThat(calls.get(1).decoding().isGreedy()).isTrue();
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void sampledCompletionsAreHeldEachWithASeedOfItsOwnAndRawCopiesAreLeftAsWritten() {
        String grounding = "There are 2 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).\n";
        String right = grounding + "The place is in the center at (0.500,0.500). Pick the mug at (0.300,0.800).\n"
                + "<pick> at (0.300,0.800) / <place> at (0.500,0.500)";
        String wrong = right.replace("Pick the mug at (0.300,0.800)", "Pick the mug at (0.500,0.500)");
        model.thenGenerate(LacyTask.L2A, right, wrong)
                .thenGenerate(LacyTask.L2A, "\n<pick> at (0.300,0.800) / <place> at (0.500,0.500)");

        var answers = lacy.l2a(IMAGE, "Pick the mug and place it in the center", 2, dev.lacy.core.port.Decoding.sampled(1, 1, 5));

        assertThat(answers).extracting(TaskAnswer::raw).containsExactly(right, right);
        var retry = model.generations(LacyTask.L2A).get(1);
        assertThat(retry.samples()).isEqualTo(1);
        assertThat(retry.decoding().seed()).isNotEqualTo(5);

        model.thenGenerate(LacyTask.L2A, wrong);
        var raw = new Lacy(model, LacyPromptFormat.withChainOfThought(), 128, false);
        assertThat(raw.l2a(IMAGE, "Pick the mug and place it in the center").raw()).isEqualTo(wrong);
        assertThat(model.generations(LacyTask.L2A)).hasSize(3);
    }

    @Test
    void withClearPlacesAPlacePointOnAnotherListedObjectIsMovedAndTheModelAloneKeepsIt() {
        String grounding = "There are 2 objects in the image: lemon at (0.500,0.800), mug at (0.833,0.500).\n";
        String onTheMug = grounding + "The place is in the middle right at (0.833,0.500). Pick the lemon at (0.500,0.800).\n"
                + "<pick> at (0.500,0.800) / <place> at (0.833,0.500)";
        var footprints = dev.lacy.core.scene.Footprints.of(java.util.Map.of("lemon", 0.04, "mug", 0.05));
        var clear = new dev.lacy.core.format.ClearPlace(footprints, dev.lacy.core.spatial.SpatialThresholds.PAPER);
        model.thenGenerate(LacyTask.L2A, onTheMug);

        TaskAnswer<PickPlaceAction> answer = lacy.withClearPlaces(clear).l2a(IMAGE, "Pick the lemon and place it in the middle right");

        PickPlaceAction action = answer.parsed().orElseThrow();
        assertThat(action.pick()).isEqualTo(new dev.lacy.core.scene.Point(0.5, 0.8));
        assertThat(dev.lacy.core.spatial.GridCell.of(action.place())).isEqualTo(dev.lacy.core.spatial.GridCell.MIDDLE_RIGHT);
        assertThat(action.place().distanceTo(new dev.lacy.core.scene.Point(0.833, 0.5))).isGreaterThanOrEqualTo(0.09);
        assertThat(answer.raw()).endsWith("<place> at " + action.place().format());
        // one generation: nothing is continued, the point is moved in both lines
        assertThat(model.generations(LacyTask.L2A)).hasSize(1);

        model.thenGenerate(LacyTask.L2A, onTheMug);
        var alone = new Lacy(model, LacyPromptFormat.withChainOfThought(), 128, false).withClearPlaces(clear);
        assertThat(alone.l2a(IMAGE, "Pick the lemon and place it in the middle right").raw()).isEqualTo(onTheMug);
    }

    @Test
    void aCompletionWithoutItsGroundingIsMalformedNotAnException() {
        model.thenGenerate(LacyTask.L2A, "<pick> at (0.500,0.500) / <place> at (0.100,0.200)");

        TaskAnswer<PickPlaceAction> answer = lacy.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer).isInstanceOfSatisfying(TaskAnswer.Malformed.class,
                m -> assertThat(m.reason()).contains("grounding"));
    }

    @Test
    void aGroundingSentenceThatDoesNotParseIsReportedWithTheAnswerNotInItsPlace() {
        String miscounted = "There are 2 objects in the image: lemon at (0.500,0.500).";
        model.thenGenerate(LacyTask.L2A, miscounted + "\n<pick> at (0.500,0.500) / <place> at (0.100,0.200)");

        // the model alone: a Lacy that holds the sentence to itself closes it, counted as listed (below)
        TaskAnswer<PickPlaceAction> answer = new Lacy(model, LacyPromptFormat.withChainOfThought(), 128, false)
                .l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer.parsed()).contains(PickPlaceAction.of(0.5, 0.5, 0.1, 0.2));
        assertThat(answer).isInstanceOfSatisfying(TaskAnswer.Answered.class, a -> {
            assertThat(a.grounding()).isEmpty();
            assertThat(a.groundingProblem()).hasValueSatisfying(p -> assertThat((String) p).contains("announces 2 objects but lists 1"));
        });
        model.thenGenerate(LacyTask.L2A, GROUNDING + "\n<pick> at (0.500,0.500) / <place> at (0.100,0.200)");
        assertThat(lacy.l2a(IMAGE, "Pick the lemon and place it in the top left"))
                .isInstanceOfSatisfying(TaskAnswer.Answered.class, a -> assertThat(a.groundingProblem()).isEmpty());
    }

    @Test
    void aTasksGroundingSentenceThatListsAnObjectTwiceOrMiscountsIsClosedCountedAsListedAndTheTaskGoesOnFromIt() {
        String twice = "There are 3 objects in the image: lemon at (0.500,0.500), lemon at (0.505,0.500), mug at (0.300,0.800).";
        String closed = "There are 2 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).\n";
        String rest = "<pick> at (0.500,0.500) / <place> at (0.100,0.200)";
        model.thenGenerate(LacyTask.L2A, twice + "\n<pick> at (0.505,0.500) / <place> at (0.100,0.200)")
                .thenGenerate(LacyTask.L2A, rest);

        TaskAnswer<PickPlaceAction> answer = lacy.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(answer.raw()).isEqualTo(closed + rest);
        assertThat(((TaskAnswer.Answered<PickPlaceAction>) answer).grounding()).hasValueSatisfying(g -> assertThat(g).hasSize(2));
        var calls = model.generations(LacyTask.L2A);
        assertThat(calls.get(1).prompt()).isEqualTo(calls.get(0).prompt() + closed);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void aGroundingSentenceTheModelGoesOnWritingTheSameWayIsClosedCountedAsListed() {
        var first = new Lacy(model, LacyPromptFormat.groundingFirst(), 128);
        String open = "There are 3 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800),";
        String closed = "There are 2 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).";
        // three announced, two listed; asked to go on, the model writes the mug again, and would again from there
        model.thenGenerate(LacyTask.GROUNDING, "There are 3 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).")
                .thenGenerate(LacyTask.GROUNDING, " mug at (0.301,0.800).\nThe lemon.");

        assertThat(first.ground(java.util.List.of(IMAGE))).containsExactly(closed + "\n");
        var calls = model.generations(LacyTask.GROUNDING);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).prompt()).isEqualTo(calls.get(0).prompt() + open);
        assertThat(calls.get(1).stopSequences()).containsExactly("\n");

        // asked to go on, the model stops at once: the sentence is closed as it stands
        model.thenGenerate(LacyTask.GROUNDING, "There are 3 objects in the image: lemon at (0.500,0.500), mug at (0.300,0.800).")
                .thenGenerate(LacyTask.GROUNDING, "\nThe lemon.");
        assertThat(first.ground(java.util.List.of(IMAGE))).containsExactly(closed + "\n");

        // the model alone: as written
        model.thenGenerate(LacyTask.GROUNDING, "There are 3 objects in the image: lemon at (0.500,0.500).");
        assertThat(new Lacy(model, LacyPromptFormat.groundingFirst(), 128, false).ground(java.util.List.of(IMAGE)))
                .containsExactly("There are 3 objects in the image: lemon at (0.500,0.500).\n");
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void l2cWithChainOfThoughtReasonsFirstThenReadsTheLogitsOfOneAndZeroAfterTheLastLineOfReasoning() {
        String comparison = "L2C \"Pick the lemon\", \"Grab the lemon\": lemon, lemon:1 and top left, top left: top, top:1 and left, left:1";
        model.thenGenerate(LacyTask.L2C, GROUNDING + "\n" + comparison + "\n1").thenScore(2.0, -1.0);

        ConsistencyCheck check = lacy.l2c(IMAGE, "first", "second");

        assertThat(check.confidence()).isCloseTo(1 / (1 + Math.exp(-3.0)), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(model.generations(LacyTask.L2C)).singleElement()
                .satisfies(r -> assertThat(r.decoding().isGreedy()).isTrue());
        var choice = model.binaryChoices().get(0);
        String prompt = LacyPromptFormat.withChainOfThought().l2cPrompt("first", "second");
        assertThat(choice.prefix()).isEqualTo(prompt + GROUNDING + "\n" + comparison + "\n");
        assertThat(choice.positive()).isEqualTo("1");
        assertThat(choice.negative()).isEqualTo("0");
        assertThat(check.reasoning()).isEqualTo(GROUNDING + "\n" + comparison);

        // a package trained without the comparison line answers right after its grounding
        model.thenGenerate(LacyTask.L2C, GROUNDING + "\n0").thenScore(0.0, 1.0);
        assertThat(lacy.l2c(IMAGE, "first", "second").reasoning()).isEqualTo(GROUNDING);
        assertThat(model.binaryChoices().get(1).prefix()).isEqualTo(prompt + GROUNDING + "\n");
        // a completion cut short before any answer is all reasoning
        model.thenGenerate(LacyTask.L2C, GROUNDING).thenScore(0.0, 1.0);
        assertThat(lacy.l2c(IMAGE, "first", "second").reasoning()).isEqualTo(GROUNDING);
        assertThat(model.binaryChoices().get(2).prefix()).isEqualTo(prompt + GROUNDING + "\n");
    }

    @Test
    void aComparisonLineThatStopsAtTheSameTargetsIsContinuedByTheModelBeforeTheAnswerIsRead() {
        String stopped = "L2C \"Grab the lemon\", \"Pick up the lemon\": lemon, lemon:1";
        String rest = " top left, top left: top, top:1 and left, left:1";
        model.thenGenerate(LacyTask.L2C, GROUNDING + "\n" + stopped + "\n0").thenGenerate(LacyTask.L2C, rest + "\n1")
                .thenScore(2.0, -1.0);

        ConsistencyCheck check = lacy.l2c(IMAGE, "first", "second");

        String prompt = LacyPromptFormat.withChainOfThought().l2cPrompt("first", "second");
        assertThat(model.generations(LacyTask.L2C)).hasSize(2);
        assertThat(model.generations(LacyTask.L2C).get(1).prompt()).isEqualTo(prompt + GROUNDING + "\n" + stopped + " and");
        assertThat(model.generations(LacyTask.L2C).get(1).decoding().isGreedy()).isTrue();
        assertThat(model.binaryChoices().get(0).prefix()).isEqualTo(prompt + GROUNDING + "\n" + stopped + " and" + rest + "\n");
        assertThat(check.reasoning()).isEqualTo(GROUNDING + "\n" + stopped + " and" + rest);

        // measured as the model alone writes it (lacy eval --raw-copies): the stop stands
        var raw = new Lacy(model, LacyPromptFormat.withChainOfThought(), 128, false);
        model.thenGenerate(LacyTask.L2C, GROUNDING + "\n" + stopped + "\n0").thenScore(-1.0, 2.0);
        assertThat(raw.l2c(IMAGE, "first", "second").reasoning()).isEqualTo(GROUNDING + "\n" + stopped);
        assertThat(model.generations(LacyTask.L2C)).hasSize(3);
    }

    @Test
    void aVerdictThatSaysOtherwiseThanItsWordsIsWrittenRightAndTheModelGoesOnFromItBeforeTheAnswerIsRead() {
        String cut = "L2C \"Grab the lemon\", \"Grab the lemon\": lemon, lemon:1 and bottom right, bottom center: bottom, "
                + "bottom:1 and right, center:";
        model.thenGenerate(LacyTask.L2C, GROUNDING + "\n" + cut + "1\n1").thenGenerate(LacyTask.L2C, "\n0").thenScore(-1.0, 2.0);

        ConsistencyCheck check = lacy.l2c(IMAGE, "first", "second");

        String prompt = LacyPromptFormat.withChainOfThought().l2cPrompt("first", "second");
        assertThat(model.generations(LacyTask.L2C)).hasSize(2);
        assertThat(model.generations(LacyTask.L2C).get(1).prompt()).isEqualTo(prompt + GROUNDING + "\n" + cut + "0");
        assertThat(model.binaryChoices().get(0).prefix()).isEqualTo(prompt + GROUNDING + "\n" + cut + "0\n");
        assertThat(check.reasoning()).isEqualTo(GROUNDING + "\n" + cut + "0");
        assertThat(check.confidence()).isLessThan(0.5);
    }

    @Test
    void theConfidenceIsTheSigmoidOfTheLogitDifferenceAndNeverOverflows() {
        assertThat(new dev.lacy.core.port.BinaryLogits(0, 0).confidence()).isEqualTo(0.5);
        assertThat(new dev.lacy.core.port.BinaryLogits(1000, -1000).confidence()).isEqualTo(1.0);
        assertThat(new dev.lacy.core.port.BinaryLogits(-1000, 1000).confidence()).isEqualTo(0.0);
        // sigmoid(z1 - z0) equals the two-class softmax
        double z1 = 0.7;
        double z0 = -0.4;
        assertThat(new dev.lacy.core.port.BinaryLogits(z1, z0).confidence())
                .isCloseTo(Math.exp(z1) / (Math.exp(z0) + Math.exp(z1)), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void a2lAnswersAreTheInstructionText() {
        model.thenGenerate(LacyTask.A2L, GROUNDING + "\nPick the lemon and place it in the center of the workspace");
        assertThat(lacy.a2l(IMAGE, PickPlaceAction.of(0.5, 0.5, 0.5, 0.5)).parsed())
                .contains("Pick the lemon and place it in the center of the workspace");
        assertThat(PaperScene.SCENE.objects()).hasSize(4);
    }

    @Test
    void aFormatThatGroundsFirstGroundsEachImageOnceAndEveryTaskContinuesFromThatSentence() {
        var first = new Lacy(model, LacyPromptFormat.groundingFirst(), 128);
        RgbImage other = RgbImage.filled(2, 2, 1);
        // the grounding prompt's answer, then what a model would write after it had it not been stopped at the newline
        model.thenGenerate(LacyTask.GROUNDING, GROUNDING + "\nThe lemon.")
                .thenGenerate(LacyTask.L2A, "<pick> at (0.500,0.500) / <place> at (0.100,0.200)");

        TaskAnswer<PickPlaceAction> answer = first.l2a(IMAGE, "Pick the lemon and place it in the top left");

        assertThat(model.generations(LacyTask.GROUNDING)).singleElement().satisfies(r -> {
            assertThat(r.prompt()).isEqualTo(LacyPromptFormat.groundingFirst().groundingPrompt());
            assertThat(r.stopSequences()).containsExactly("\n");
        });
        assertThat(model.generations(LacyTask.L2A).get(0).prompt()).endsWith("\n" + GROUNDING + "\n");
        assertThat(answer.raw()).startsWith(GROUNDING + "\n<pick>");
        assertThat(((TaskAnswer.Answered<PickPlaceAction>) answer).grounding()).hasValueSatisfying(g -> assertThat(g).hasSize(1));

        // two images, the first of them twice: two grounding requests in one call; a start given is kept
        String given = "There is 1 object in the image: mug at (0.200,0.200).\n";
        model.thenGenerate(LacyTask.GROUNDING, GROUNDING).thenGenerate(LacyTask.GROUNDING, GROUNDING);
        for (int i = 0; i < 4; i++) {
            model.thenGenerate(LacyTask.L2C, "L2C lemon, lemon:1");
            model.thenScore(1, 0);
        }
        first.l2cAll(java.util.List.of(IMAGE, IMAGE, other, IMAGE), java.util.List.of("a", "a", "a", "a"),
                java.util.List.of("b", "c", "d", "e"), java.util.List.of("", "", "", given));

        assertThat(model.generations(LacyTask.GROUNDING)).hasSize(3);
        assertThat(model.generations(LacyTask.L2C)).extracting(r -> r.prompt().endsWith(GROUNDING + "\n"))
                .containsExactly(true, true, true, false);
        assertThat(model.generations(LacyTask.L2C).get(3).prompt()).endsWith(given);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void groundingsAreEmptyWithoutAFormatThatGroundsFirstAndNoModelIsCalled() {
        assertThat(lacy.groundings(java.util.List.of(IMAGE, IMAGE))).containsExactly("", "");
        assertThat(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 8).groundings(java.util.List.of(IMAGE)))
                .containsExactly("");
        assertThat(model.generations(LacyTask.GROUNDING)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 8)
                .ground(java.util.List.of(IMAGE))).hasMessageContaining("chain of thought");
    }
}
