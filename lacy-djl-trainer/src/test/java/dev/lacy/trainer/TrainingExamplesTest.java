package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TrainingExamplesTest {

    private static final Scene SCENE = new Scene(List.of(new SceneObject("lemon", new Point(0.2, 0.2), 0.05),
            new SceneObject("mug", new Point(0.8, 0.8), 0.05)));
    private static final LacyPromptFormat FORMAT = LacyPromptFormat.withChainOfThought();

    @Test
    void a2lIsTaughtTheCanonicalDescriptionOfTheActionNotTheDemonstrationsWording() {
        // 0.2 from the mug's contour: both kinds are allowed, and the demonstrator happened to say it relatively
        var nearMug = new PickPlaceAction(new Point(0.2, 0.2), new Point(0.55, 0.8));
        String said = "Grab the lemon and move it to the left of the mug";

        assertThat(a2lCompletion(new Demonstration(observation(), said, nearMug)))
                .isEqualTo(FORMAT.a2lTarget(SCENE, nearMug, "Pick the lemon and place it in the bottom center of the workspace"));
        // 0.05 from the mug's contour: only the relative description is allowed
        var atMug = new PickPlaceAction(new Point(0.2, 0.2), new Point(0.7, 0.8));
        assertThat(a2lCompletion(new Demonstration(observation(), said, atMug)))
                .isEqualTo(FORMAT.a2lTarget(SCENE, atMug, "Pick the lemon and place it to the left of the mug"));
    }

    @Test
    void l2aIsTaughtTheCanonicalPlaceOfARelativeInstructionAndTheCellsCenterForAnAbsoluteOne() {
        // the demonstrator placed it left of the mug, 0.25 from its center and a little up
        var demonstrated = new PickPlaceAction(new Point(0.2, 0.2), new Point(0.55, 0.77));
        String relative = "Grab the lemon and move it to the left of the mug";

        assertThat(l2aCompletion(new Demonstration(observation(), relative, demonstrated)))
                .isEqualTo(FORMAT.l2aTarget(SCENE, relative, new PickPlaceAction(new Point(0.2, 0.2), new Point(0.6, 0.8))));
        String absolute = "Pick the lemon and place it in the bottom center of the workspace";
        // the bottom center cell's center, clear of the mug: not the demonstrator's point near the cell's edge
        assertThat(l2aCompletion(new Demonstration(observation(), absolute, demonstrated)))
                .isEqualTo(FORMAT.l2aTarget(SCENE, absolute, new PickPlaceAction(new Point(0.2, 0.2), new Point(0.5, 2.5 / 3))));
    }

    @Test
    void aDemonstrationWhosePickPointLiesOnNoObjectIsTaughtAsItIs() {
        // Algorithm 1 can accept such a triplet from the model's own actions: nothing to make canonical, nothing dropped
        var onTable = new PickPlaceAction(new Point(0.5, 0.5), new Point(0.55, 0.8));
        String said = "Pick the lemon and place it to the left of the mug";
        var demo = new Demonstration(observation(), said, onTable);

        assertThat(a2lCompletion(demo)).isEqualTo(FORMAT.a2lTarget(SCENE, onTable, said));
        assertThat(l2aCompletion(demo)).isEqualTo(FORMAT.l2aTarget(SCENE, said, onTable));
    }

    @Test
    void aDemonstrationNamingAReferenceTheSceneLacksIsAnErrorNamingIt() {
        var demo = new Demonstration(observation(), "Pick the lemon and place it to the left of the cup",
                new PickPlaceAction(new Point(0.2, 0.2), new Point(0.55, 0.8)));

        assertThatThrownBy(() -> l2aCompletion(demo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pick the lemon and place it to the left of the cup").hasMessageContaining("'cup'");
    }

    @Test
    void aSelfGeneratedTripletIsTaughtToL2aWithItsOwnReasoningAndNotToA2l() {
        // what Algorithm 1 accepts: no scene, the model's own chain of thought
        String reasoning = "There are 2 objects in the image: lemon at (0.200,0.200), mug at (0.800,0.800).\n"
                + "The mug is at (0.800,0.800). The place is to its left at (0.600,0.800). Pick the lemon at (0.200,0.200).\n";
        var action = new PickPlaceAction(new Point(0.2, 0.2), new Point(0.58, 0.81));
        var triplet = new Demonstration(Observation.imageOnly(RgbImage.of(32, 32, new byte[32 * 32 * 3])),
                "Grab the lemon and move it to the left of the mug", action, java.util.Optional.of(reasoning));

        assertThat(l2aCompletion(triplet)).isEqualTo(reasoning + "<pick> at (0.200,0.200) / <place> at (0.580,0.810)");
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(List.of("lemon", "mug")))) {
            var data = new TrainingExamples(32, 4, tokenizer, List.of());
            data.addDemonstration(triplet, FORMAT, false, true);
            assertThat(data.examples()).as("A2L is not taught from self-generated triplets").isEmpty();
        }
        var withoutReasoning = new Demonstration(Observation.imageOnly(RgbImage.of(32, 32, new byte[32 * 32 * 3])),
                "Grab the lemon and move it to the left of the mug", action);
        assertThatThrownBy(() -> l2aCompletion(withoutReasoning)).hasMessageContaining("ground-truth scene");
    }

    @Test
    void aFineTuneReadsEachDemonstrationsExamplesAsOftenAsItsL2cPairsPerTwoTasks() {
        List<Demonstration> demos = SyntheticScenes.demonstrations(3, 4);
        for (int pairsPerDemonstration : new int[] {1, 2, 4, 6}) {
            try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
                var data = new TrainingExamples(32, 4, tokenizer, List.of());
                for (Demonstration demo : demos) {
                    data.addDemonstration(demo, FORMAT, true, true);
                }
                for (int k = 0; k < pairsPerDemonstration; k++) {
                    SyntheticScenes.consistency(demos).forEach(pair -> data.addConsistency(pair, FORMAT));
                }
                int repeats = Math.max(1, Math.round(pairsPerDemonstration / 2f));
                var balanced = data.balanced();

                assertThat(balanced).as("%d pairs per demonstration", pairsPerDemonstration)
                        .filteredOn(e -> e.task() == LacyTask.L2C).hasSize(3 * pairsPerDemonstration);
                for (LacyTask task : List.of(LacyTask.L2A, LacyTask.A2L)) {
                    var own = data.examples().stream().filter(e -> e.task() == task).toList();
                    assertThat(balanced).as("%s with %d pairs per demonstration", task, pairsPerDemonstration)
                            .filteredOn(e -> e.task() == task).hasSize(3 * repeats)
                            .allSatisfy(e -> assertThat(own).contains(e));
                    for (TrainingExamples.Example example : own) {
                        assertThat(balanced.stream().filter(e -> e == example).count()).isEqualTo(repeats);
                    }
                }
            }
        }
    }

    @Test
    void samplesWhoseImagesAreEqualCopiesShareOneImageAndOthersDoNot() {
        List<Demonstration> demos = SyntheticScenes.demonstrations(2, 4);
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
            var data = new TrainingExamples(32, 4, tokenizer, List.of());
            for (Demonstration demo : demos) {
                data.addDemonstration(demo, FORMAT, true, false);
                // what a store gives back: the pair's own copy of the demonstration's image
                RgbImage image = demo.observation().image();
                var copy = Observation.of(RgbImage.of(image.width(), image.height(), image.toBytes()),
                        demo.observation().groundTruth().orElseThrow());
                data.addConsistency(new dev.lacy.core.data.ConsistencySample(copy, demo.instruction(), demo.instruction(), true), FORMAT);
            }
            var examples = data.examples();

            assertThat(examples.get(1).image()).isEqualTo(examples.get(0).image());
            assertThat(examples.get(3).image()).isEqualTo(examples.get(2).image()).isNotEqualTo(examples.get(0).image());
        }
    }

    @Test
    void examplesPreparedOnSeveralThreadsAreTheExamplesAddedOneByOneInTheSameOrder() {
        // more samples than are prepared ahead, so that the adding waits on the threads and runs beside them
        List<Demonstration> demos = SyntheticScenes.demonstrations(300, 5);
        var pairs = new java.util.ArrayList<dev.lacy.core.data.ConsistencySample>();
        for (int k = 0; k < 6; k++) {
            pairs.addAll(SyntheticScenes.consistency(demos));
        }
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
            var oneByOne = new TrainingExamples(32, 4, tokenizer, List.of());
            demos.forEach(demo -> oneByOne.addDemonstration(demo, FORMAT, true, true));
            pairs.forEach(pair -> oneByOne.addConsistency(pair, FORMAT));
            var together = new TrainingExamples(32, 4, tokenizer, List.of());
            together.addAll(demos, pairs, FORMAT, 3);

            assertThat(together.examples()).hasSize(2 * 300 + 6 * 300);
            assertThat(together.imageCount()).isEqualTo(oneByOne.imageCount()).isEqualTo(300);
            for (int i = 0; i < oneByOne.examples().size(); i++) {
                TrainingExamples.Example expected = oneByOne.examples().get(i);
                TrainingExamples.Example actual = together.examples().get(i);
                assertThat(actual.image()).as("example %d", i).isEqualTo(expected.image());
                assertThat(actual.task()).as("example %d", i).isEqualTo(expected.task());
                assertThat(actual.promptLength()).as("example %d", i).isEqualTo(expected.promptLength());
                assertThat(actual.ids()).as("example %d", i).isEqualTo(expected.ids());
            }
        }
    }

    @Test
    void preparedOnSeveralThreadsTheFirstBadSampleFailsAsItFailsOneByOne() {
        List<Demonstration> demos = SyntheticScenes.demonstrations(400, 6);
        var pairs = new java.util.ArrayList<>(SyntheticScenes.consistency(demos));
        // a pair without its scene, then a pair with a character outside the vocabulary, later in the list
        pairs.set(350, new dev.lacy.core.data.ConsistencySample(Observation.imageOnly(demos.get(0).observation().image()),
                "Pick the mug", "Pick the mug", true));
        pairs.set(380, new dev.lacy.core.data.ConsistencySample(demos.get(1).observation(), "Pick the lemon é", "Pick it", false));
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
            var oneByOne = new TrainingExamples(32, 4, tokenizer, List.of());
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> {
                demos.forEach(demo -> oneByOne.addDemonstration(demo, FORMAT, true, true));
                pairs.forEach(pair -> oneByOne.addConsistency(pair, FORMAT));
            });
            assertThat(expected).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ground-truth scene");

            assertThatThrownBy(() -> new TrainingExamples(32, 4, tokenizer, List.of()).addAll(demos, pairs, FORMAT, 2))
                    .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
            // a store's list that cannot read a later sample: the earlier bad one still fails first; alone, the read fails
            var unreadable = new java.util.AbstractList<dev.lacy.core.data.ConsistencySample>() {
                @Override
                public dev.lacy.core.data.ConsistencySample get(int index) {
                    if (index == 390) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("sample 390 is truncated"));
                    }
                    return pairs.get(index);
                }

                @Override
                public int size() {
                    return pairs.size();
                }
            };
            assertThatThrownBy(() -> new TrainingExamples(32, 4, tokenizer, List.of()).addAll(demos, unreadable, FORMAT, 2))
                    .hasMessage(expected.getMessage());
            pairs.set(350, SyntheticScenes.consistency(demos).get(350));
            pairs.set(380, SyntheticScenes.consistency(demos).get(380));
            assertThatThrownBy(() -> new TrainingExamples(32, 4, tokenizer, List.of()).addAll(demos, unreadable, FORMAT, 2))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("sample 390 is truncated");
        }
    }

    @Test
    void frozenFeaturesAreComputedOncePerImageAndThenReplaceItsPixels() {
        List<Demonstration> demos = SyntheticScenes.demonstrations(3, 4);
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES))) {
            var data = new TrainingExamples(32, 4, tokenizer, List.of());
            for (Demonstration demo : demos) {
                data.addDemonstration(demo, FORMAT, true, true);
            }
            assertThat(data.imageCount()).isEqualTo(3);
            float[] firstPixels = new float[3 * 32 * 32];
            data.pixels(0, firstPixels, 0);
            var chunks = new java.util.ArrayList<Integer>();
            // a stand-in encoder: two "features" per image, its first pixel value and the image's place in the chunk
            TrainingExamples.FrozenVision vision = (pixels, n) -> {
                chunks.add(n);
                float[] out = new float[2 * n];
                for (int i = 0; i < n; i++) {
                    out[2 * i] = pixels[i * 3 * 32 * 32];
                    out[2 * i + 1] = i;
                }
                return out;
            };

            data.freeze(new int[] {0, 2}, 1, vision);
            data.freeze(new int[] {0, 1, 2}, 8, vision);

            assertThat(chunks).as("images 0 and 2 one at a time, then image 1 alone: none twice").containsExactly(1, 1, 1);
            assertThat(data.features(0)).containsExactly(firstPixels[0], 0f);
            assertThat(data.features(1)[1]).isZero();
            assertThatThrownBy(() -> data.pixels(1, new float[3 * 32 * 32], 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("image 1").hasMessageContaining("let go");
            assertThatThrownBy(() -> data.addDemonstration(demos.get(0), FORMAT, true, false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("before training");
        }
    }

    private static String l2aCompletion(Demonstration demo) {
        return completion(demo, LacyTask.L2A);
    }

    private static String a2lCompletion(Demonstration demo) {
        return completion(demo, LacyTask.A2L);
    }

    /** The completion {@code task} is trained toward for {@code demo}: from the end of the prompt to the end-of-sequence token. */
    private static String completion(Demonstration demo, LacyTask task) {
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(List.of("lemon", "mug")))) {
            var data = new TrainingExamples(32, 4, tokenizer, List.of());
            data.addDemonstration(demo, FORMAT, task == LacyTask.L2A, task == LacyTask.A2L);
            TrainingExamples.Example example = data.examples().get(0);
            assertThat(example.task()).isEqualTo(task);
            return tokenizer.decode(Arrays.copyOfRange(example.ids(), example.promptLength(), example.ids().length - 1));
        }
    }

    private static Observation observation() {
        return Observation.of(RgbImage.of(32, 32, new byte[32 * 32 * 3]), SCENE);
    }
}
