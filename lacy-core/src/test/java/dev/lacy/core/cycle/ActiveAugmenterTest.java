package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.testing.ScriptedModelTestDouble;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins Algorithm 1 as the paper writes it. The model is scripted with the direct (non-CoT) format,
 * so each L2A or A2L call is one generate call and each L2C call one binary-choice call.
 */
class ActiveAugmenterTest {

    private static final String INSTRUCTION = "Pick the lemon and place it in the center of the workspace";
    private static final String ACTION = "<pick> at (0.500,0.500) / <place> at (0.500,0.500)";
    private static final String ACTION_B = "<pick> at (0.100,0.100) / <place> at (0.900,0.900)";
    private static final String DESCRIPTION = "Pick the lemon and place it in the center of the workspace";
    private static final String OTHER = "Grab the lemon and put it on the center of the table";
    private static final Demonstration EXAMPLE = new Demonstration(
            Observation.imageOnly(RgbImage.filled(4, 4, 0x808080)), INSTRUCTION, PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));

    private final ScriptedModelTestDouble model = new ScriptedModelTestDouble();

    private ActiveAugmenter augmenter(int n, double tau) {
        var lacy = new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64);
        return new ActiveAugmenter(lacy, new AugmentationSettings(n, tau, 0.5, Decoding.sampled(1.0, 0.95, 7)));
    }

    private void firstPass(double confidence) {
        model.thenGenerate(LacyTask.L2A, ACTION).thenGenerate(LacyTask.A2L, DESCRIPTION).thenConfidence(confidence);
    }

    @Test
    void highConfidenceSamplesGenerateNothingAndCostThreeCalls() {
        firstPass(0.95);

        AugmentationStep step = augmenter(4, 0.9).augment(EXAMPLE, 0);

        assertThat(step.sampled()).isFalse();
        assertThat(step.accepted()).isEmpty();
        assertThat(model.generations(LacyTask.L2A)).hasSize(1).allSatisfy(r -> assertThat(r.decoding().isGreedy()).isTrue());
        assertThat(model.generations(LacyTask.A2L)).hasSize(1);
        assertThat(model.binaryChoices()).hasSize(1);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void confidenceExactlyTauStillSamples() {
        firstPass(0.5);
        model.thenGenerate(LacyTask.L2A, ACTION_B, ACTION);
        model.thenGenerate(LacyTask.A2L, OTHER, OTHER).thenConfidence(0.4);
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION).thenConfidence(0.5);

        AugmentationStep step = augmenter(2, 0.5).augment(EXAMPLE, 0);

        assertThat(step.sampled()).isTrue();
        assertThat(step.firstPassConfidence()).isEqualTo(0.5);
        // a vote at exactly c = tau counts: the first action has 0/2, the second 2/2
        assertThat(step.accepted()).extracting(Demonstration::action).containsExactly(PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void identicalActionsAreExplainedOnceAndIdenticalDescriptionsScoredOnce() {
        int n = 3;
        firstPass(0.2);
        // the candidate sampled once comes first: it wins every vote, but the one sampled twice could still beat it
        model.thenGenerate(LacyTask.L2A, ACTION_B, ACTION, ACTION);
        model.thenGenerate(LacyTask.A2L, OTHER, OTHER, OTHER).thenConfidence(0.99);
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION, DESCRIPTION).thenConfidence(0.99);

        AugmentationStep step = augmenter(n, 0.9).augment(EXAMPLE, 0);

        assertThat(model.generations(LacyTask.L2A)).hasSize(2);
        assertThat(model.generations(LacyTask.L2A).get(1).samples()).isEqualTo(n);
        assertThat(model.generations(LacyTask.L2A).get(1).decoding().isGreedy()).isFalse();
        assertThat(model.generations(LacyTask.A2L)).as("the first pass, then one call per distinct action").hasSize(1 + 2);
        assertThat(model.generations(LacyTask.A2L).subList(1, 3)).allSatisfy(r -> assertThat(r.samples()).isEqualTo(n));
        assertThat(model.binaryChoices()).as("the first pass, then one per distinct description of each action").hasSize(1 + 2);
        assertThat(step.candidates()).isEqualTo(3);
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::samples).containsExactly(1, 2);
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::positives).containsExactly(3, 3);
        assertThat(step.accepted()).as("one action per example, the one sampled most").singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
            assertThat(d.instruction()).isEqualTo(INSTRUCTION);
            assertThat(d.observation().image()).isSameAs(EXAMPLE.observation().image());
        });
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void anActionIsKeptExactlyWhenAtLeastHalfOfItsDescriptionsAreConsistent() {
        String[] actions = {ACTION, ACTION_B, "<pick> at (0.200,0.200) / <place> at (0.800,0.800)",
            "<pick> at (0.300,0.300) / <place> at (0.700,0.700)"};
        firstPass(0.1);
        model.thenGenerate(LacyTask.L2A, actions);
        // candidate 1: 2 of 4 reach tau -> passes (2/4 >= 0.5)
        model.thenGenerate(LacyTask.A2L, four(1)).thenConfidence(0.95).thenConfidence(0.95).thenConfidence(0.3).thenConfidence(0.3);
        // candidate 2: 1 of 4 -> dropped
        model.thenGenerate(LacyTask.A2L, four(2)).thenConfidence(0.95).thenConfidence(0.3).thenConfidence(0.3).thenConfidence(0.3);
        // candidate 3: 4 of 4 -> passes
        model.thenGenerate(LacyTask.A2L, four(3)).thenConfidence(0.95).thenConfidence(0.95).thenConfidence(0.95).thenConfidence(0.95);
        // candidate 4: 0 of 4 -> dropped
        model.thenGenerate(LacyTask.A2L, four(4)).thenConfidence(0.1).thenConfidence(0.1).thenConfidence(0.1).thenConfidence(0.1);

        AugmentationStep every = new ActiveAugmenter(new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64),
                new AugmentationSettings(4, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 7)).withPerExample(0)).augment(EXAMPLE, 0);

        assertThat(every.verified()).extracting(AugmentationStep.VerifiedCandidate::accepted)
                .containsExactly(true, false, true, false);
        assertThat(every.accepted()).extracting(Demonstration::action)
                .containsExactly(PickPlaceAction.of(0.5, 0.5, 0.5, 0.5), PickPlaceAction.of(0.2, 0.2, 0.8, 0.8));
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void withOneActionPerExampleTheMostVotedPassingActionIsKept() {
        firstPass(0.1);
        model.thenGenerate(LacyTask.L2A, ACTION, ACTION_B);
        model.thenGenerate(LacyTask.A2L, "Pick the lemon and place it in the center", "Grab the lemon and put it in the center")
                .thenConfidence(0.95).thenConfidence(0.3);
        model.thenGenerate(LacyTask.A2L, "Take the lemon and move it to the center", "Pick up the lemon and put it in the center")
                .thenConfidence(0.95).thenConfidence(0.95);

        AugmentationStep step = augmenter(2, 0.9).augment(EXAMPLE, 0);

        assertThat(step.accepted()).extracting(Demonstration::action).containsExactly(PickPlaceAction.of(0.1, 0.1, 0.9, 0.9));
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::accepted).containsExactly(false, true);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void withSharedGroundingEverySampleContinuesTheFirstPassGroundingAndATripletKeepsItsReasoningButNotTheScene() {
        String grounding = "There is 1 object in the image: lemon at (0.500,0.500).";
        String referents = "The place is in the center at (0.500,0.500). Pick the lemon at (0.500,0.500).";
        var example = new Demonstration(Observation.of(RgbImage.filled(4, 4, 0x808080), dev.lacy.core.testing.PaperScene.SCENE),
                INSTRUCTION, PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
        model.thenGenerate(LacyTask.L2A, grounding + "\n" + referents + "\n" + ACTION)
                .thenGenerate(LacyTask.A2L, DESCRIPTION)
                .thenGenerate(LacyTask.L2C, "L2C lemon, lemon:1\n").thenConfidence(0.2);
        model.thenGenerate(LacyTask.L2A, referents + "\n" + ACTION, "broken");
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION)
                .thenGenerate(LacyTask.L2C, "L2C lemon, lemon:1\n").thenConfidence(0.99);
        var lacy = new Lacy(model, LacyPromptFormat.withChainOfThought(), 64);

        AugmentationStep step = new ActiveAugmenter(lacy, new AugmentationSettings(2, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 7)))
                .augment(example, 0);

        String given = grounding + "\n";
        assertThat(model.generations(LacyTask.L2A).get(0).prompt()).doesNotEndWith(given);
        assertThat(model.generations(LacyTask.L2A).get(1).prompt()).endsWith(given);
        assertThat(model.generations(LacyTask.A2L)).allSatisfy(r -> assertThat(r.prompt()).endsWith(given));
        assertThat(model.generations(LacyTask.L2C)).allSatisfy(r -> assertThat(r.prompt()).endsWith(given));
        assertThat(step.malformedCandidates()).as("a sample without an answer line after the given grounding").isEqualTo(1);
        assertThat(step.accepted()).singleElement().satisfies(d -> {
            assertThat(d.reasoning()).contains(given + referents + "\n");
            assertThat(d.observation().groundTruth()).as("the scene is for measurement only").isEmpty();
        });
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void malformedOutputsAreCountedAndAMalformedDescriptionVotesAgainst() {
        // the first-pass description is malformed: confidence 0, no L2C call, so it samples
        model.thenGenerate(LacyTask.L2A, ACTION).thenGenerate(LacyTask.A2L, "   ");
        model.thenGenerate(LacyTask.L2A, "<pick> somewhere", ACTION);
        // only the well-formed candidate is explained; one malformed description votes against it
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, "").thenConfidence(0.99);

        AugmentationStep step = augmenter(2, 0.9).augment(EXAMPLE, 0);

        assertThat(step.firstPassConfidence()).isZero();
        assertThat(step.malformedCandidates()).isEqualTo(1);
        assertThat(step.malformedDescriptions()).isEqualTo(1);
        assertThat(step.accepted()).hasSize(1);
        assertThat(model.binaryChoices()).hasSize(1);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void theWholeDatasetIsTheOriginalPlusTheNewTriplets() {
        firstPass(0.95);
        firstPass(0.2);
        model.thenGenerate(LacyTask.L2A, ACTION_B).thenGenerate(LacyTask.A2L, DESCRIPTION).thenConfidence(0.95);

        AugmentationResult result = augmenter(1, 0.9).augment(List.of(EXAMPLE, EXAMPLE));

        assertThat(result.augmented()).hasSize(3).startsWith(EXAMPLE, EXAMPLE);
        assertThat(result.added()).extracting(Demonstration::action).containsExactly(PickPlaceAction.of(0.1, 0.1, 0.9, 0.9));
        assertThat(result.sampledExamples()).isEqualTo(1);
    }

    @Test
    void samplingSeedsDependOnTheExampleAndTheCandidateButNotOnTheRun() {
        for (int run = 0; run < 2; run++) {
            firstPass(0.1);
            model.thenGenerate(LacyTask.L2A, ACTION, ACTION_B);
            model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION).thenConfidence(0.1);
            model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION).thenConfidence(0.1);
            augmenter(2, 0.9).augment(EXAMPLE, 5);
        }
        var l2aSeeds = model.generations(LacyTask.L2A).stream().filter(r -> !r.decoding().isGreedy())
                .map(r -> r.decoding().seed()).toList();
        var a2lSeeds = model.generations(LacyTask.A2L).stream().filter(r -> !r.decoding().isGreedy())
                .map(r -> r.decoding().seed()).toList();
        assertThat(l2aSeeds).hasSize(2).containsOnly(l2aSeeds.get(0));
        assertThat(a2lSeeds).hasSize(4);
        assertThat(a2lSeeds.subList(2, 4)).as("a second run repeats the first").isEqualTo(a2lSeeds.subList(0, 2));
        assertThat(a2lSeeds.subList(0, 2)).as("each candidate has its own stream").doesNotHaveDuplicates()
                .doesNotContain(l2aSeeds.get(0));
    }

    @Test
    void withTheGroundingCheckAConfidentButContradictedActionIsSampledAndAContradictedCandidateIsNotExplained() {
        String grounding = "There are 2 objects in the image: lemon at (0.500,0.500), mug at (0.100,0.100).";
        String offTheLemon = "<pick> at (0.100,0.100) / <place> at (0.500,0.500)";
        var example = new Demonstration(Observation.imageOnly(RgbImage.filled(4, 4, 0x808080)), INSTRUCTION,
                PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
        // the first pass picks the mug, and L2C is sure of it: sampled all the same
        model.thenGenerate(LacyTask.L2A, grounding + "\n" + offTheLemon).thenGenerate(LacyTask.A2L, DESCRIPTION)
                .thenGenerate(LacyTask.L2C, "").thenConfidence(0.99);
        model.thenGenerate(LacyTask.L2A, offTheLemon, ACTION);
        // only the second candidate, on the grounded lemon, is explained
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION).thenGenerate(LacyTask.L2C, "").thenConfidence(0.99);
        var lacy = new Lacy(model, LacyPromptFormat.withChainOfThought(), 64);

        AugmentationStep step = new ActiveAugmenter(lacy, new AugmentationSettings(2, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 7)))
                .augment(example, 0);

        assertThat(step.firstPassConfidence()).isGreaterThan(0.9);
        assertThat(step.sampled()).isTrue();
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::grounded).containsExactly(false, true);
        assertThat(step.accepted()).extracting(Demonstration::action).containsExactly(PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
        assertThat(model.generations(LacyTask.A2L)).hasSize(2);
        assertThat(model.fullyConsumed()).isTrue();
    }

    /** Four descriptions of candidate {@code c}, none shared with another candidate's. */
    private static String[] four(int c) {
        return new String[] {"Pick the lemon and place it in the center " + c, "Grab the lemon and put it in the center " + c,
            "Take the lemon and move it to the center " + c, "Pick up the lemon and place it in the center " + c};
    }

    @Test
    void aDescriptionTwoCandidatesShareIsScoredOnceForTheExample() {
        firstPass(0.2);
        model.thenGenerate(LacyTask.L2A, ACTION, ACTION_B, ACTION_B);
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION, DESCRIPTION).thenConfidence(0.95);
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION, DESCRIPTION);

        AugmentationStep step = augmenter(3, 0.9).augment(EXAMPLE, 0);

        assertThat(model.binaryChoices()).as("the first pass, then the one shared description").hasSize(2);
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::positives).containsExactly(3, 3);
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void withOneActionKeptACandidateThatWonEveryVoteAndWasSampledMostEndsTheVerification() {
        firstPass(0.2);
        model.thenGenerate(LacyTask.L2A, ACTION, ACTION, ACTION_B);
        model.thenGenerate(LacyTask.A2L, DESCRIPTION, DESCRIPTION, DESCRIPTION).thenConfidence(0.95);

        AugmentationStep step = augmenter(3, 0.9).augment(EXAMPLE, 0);

        // the second candidate could at best tie (3 of 3, one sample against two) and ties keep the sampled order
        assertThat(model.generations(LacyTask.A2L)).as("the first pass, then the winner only").hasSize(2);
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::descriptions).containsExactly(3, 0);
        assertThat(step.verified()).extracting(AugmentationStep.VerifiedCandidate::accepted).containsExactly(true, false);
        assertThat(step.accepted()).extracting(Demonstration::action).containsExactly(PickPlaceAction.of(0.5, 0.5, 0.5, 0.5));
        assertThat(model.fullyConsumed()).isTrue();
    }

    /**
     * A model double whose every answer is a function of its request alone (the task, the image, the prompt, the
     * decoding's seed; malformed at times), so that it answers the same however requests are grouped; it records the
     * sizes of the {@code generateAll} calls.
     */
    private static final class HashedModelTestDouble implements dev.lacy.core.port.VisionLanguageModel {
        private final List<Integer> batches = new java.util.ArrayList<>();

        @Override
        public List<String> generate(dev.lacy.core.port.GenerationRequest request) {
            var random = new java.util.SplittableRandom(java.util.Objects.hash(request.task().name(), request.image().pixel(0, 0),
                    request.prompt(), request.decoding().isGreedy() ? 0 : request.decoding().seed()));
            var out = new java.util.ArrayList<String>();
            for (int i = 0; i < request.samples(); i++) {
                int k = random.nextInt(4);
                if (request.task() == LacyTask.L2A) {
                    out.add(k == 0 ? "<pick> at (0.5" : k == 1 ? ACTION_B : ACTION);
                } else {
                    out.add(k == 0 ? " " : k == 1 ? OTHER : DESCRIPTION);
                }
            }
            return out;
        }

        @Override
        public List<List<String>> generateAll(List<dev.lacy.core.port.GenerationRequest> requests) {
            batches.add(requests.size());
            return requests.stream().map(this::generate).toList();
        }

        @Override
        public dev.lacy.core.port.BinaryLogits scoreBinaryChoice(dev.lacy.core.port.BinaryChoiceRequest request) {
            int h = Math.floorMod(java.util.Objects.hash(request.image().pixel(0, 0), request.prefix()), 100);
            double z = request.prefix().contains(OTHER) ? -3 + h / 50.0 : h / 25.0;
            return new dev.lacy.core.port.BinaryLogits(z, 0);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void examplesAugmentedTogetherGetEachTheStepItGetsAloneFromAFewLargeFirstPassCalls() {
        var model = new HashedModelTestDouble();
        var lacy = new Lacy(model, LacyPromptFormat.withoutChainOfThought(), 64);
        var augmenter = new ActiveAugmenter(lacy, new AugmentationSettings(4, 0.9, 0.5, Decoding.sampled(1.0, 0.95, 7)));
        var examples = new java.util.ArrayList<dev.lacy.core.data.InstructionSample>();
        for (int i = 0; i < 24; i++) {
            examples.add(new dev.lacy.core.data.InstructionSample(Observation.imageOnly(RgbImage.filled(4, 4, i)),
                    i % 3 == 0 ? OTHER : INSTRUCTION));
        }
        var alone = new java.util.ArrayList<AugmentationStep>();
        for (int i = 0; i < examples.size(); i++) {
            alone.add(augmenter.augment(examples.get(i), 40 + i));
        }
        model.batches.clear();

        List<AugmentationStep> together = augmenter.augmentAll(examples, 40);

        assertThat(together).isEqualTo(alone);
        assertThat(alone).as("the examples cover every path of the first pass")
                .anySatisfy(s -> assertThat(s.firstPassAction()).isEmpty())
                .anySatisfy(s -> assertThat(s.sampled()).isFalse())
                .anySatisfy(s -> assertThat(s.accepted()).isNotEmpty())
                .anySatisfy(s -> assertThat(s.sampled() && s.firstPassAction().isPresent()).isTrue());
        int wellFormed = (int) alone.stream().filter(s -> s.firstPassAction().isPresent()).count();
        assertThat(model.batches.subList(0, 2)).as("every L2A in one call, the well-formed actions' A2L in one more")
                .containsExactly(24, wellFormed);
    }
}
