package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Sample;
import dev.lacy.core.format.ActionFormat;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.dataset.FileDatasetStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentationRunTest {

    @TempDir
    Path dir;

    /** A model double whose sampled answers follow the request's seed, so that a rerun answers the same. */
    static final class SeededModelTestDouble implements VisionLanguageModel {
        @Override
        public List<String> generate(GenerationRequest request) {
            var random = new SplittableRandom(request.decoding().isGreedy() ? 1 : request.decoding().seed());
            var out = new ArrayList<String>();
            for (int i = 0; i < request.samples(); i++) {
                if (request.task() == LacyTask.L2A) {
                    out.add(new ActionFormat().write(new PickPlaceAction(new Point(0.2, 0.2),
                            new Point(0.05 + 0.9 * random.nextDouble(), 0.05 + 0.9 * random.nextDouble()))));
                } else {
                    out.add(random.nextBoolean() ? "Pick the lemon and place it in the center of the workspace"
                            : "Pick the lemon and place it in the top left of the workspace");
                }
            }
            return out;
        }

        @Override
        public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
            boolean same = request.prefix().contains("center of the workspace\" and \"Pick the lemon and place it in the center");
            return new BinaryLogits(same ? 4 : -4, 0);
        }

        @Override
        public void close() {
        }
    }

    private static List<Demonstration> dataset() {
        var out = new ArrayList<Demonstration>();
        for (int i = 0; i < 12; i++) {
            var scene = new Scene(List.of(new SceneObject("lemon", new Point(0.2, 0.2), 0.05)));
            out.add(new Demonstration(Observation.of(RgbImage.filled(8, 8, i), scene),
                    "Pick the lemon and place it in the center of the workspace",
                    new PickPlaceAction(new Point(0.2, 0.2), new Point(0.5, 0.5))));
        }
        return out;
    }

    private static AugmentationRun run(DatasetStore store, Path progress) {
        var lacy = new Lacy(new SeededModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 64);
        return new AugmentationRun(new ActiveAugmenter(lacy, new AugmentationSettings(4, 0.9, 0.5,
                AugmentationSettings.DEFAULTS.sampling())), store, "augmented", progress);
    }

    /** A store that dies after its n-th append, before the caller can record anything else. */
    static final class CrashingStore implements DatasetStore {
        private final DatasetStore store;
        private int appendsLeft;

        CrashingStore(DatasetStore store, int appends) {
            this.store = store;
            this.appendsLeft = appends;
        }

        @Override
        public void append(String dataset, List<? extends Sample> samples) {
            store.append(dataset, samples);
            if (--appendsLeft == 0) {
                throw new IllegalStateException("simulated crash");
            }
        }

        @Override
        public List<Sample> read(String dataset) {
            return store.read(dataset);
        }

        @Override
        public long size(String dataset) {
            return store.size(dataset);
        }
    }

    @Test
    void anInterruptedRunResumedGivesTheSameDatasetAsAnUninterruptedOne() {
        var whole = new FileDatasetStore(dir.resolve("whole"));
        AugmentationRun.Summary uninterrupted = run(whole, dir.resolve("whole/progress.json")).runOnDemonstrations(dataset(), (d, t) -> { });
        assertThat(uninterrupted.added()).isPositive();

        var resumedStore = new FileDatasetStore(dir.resolve("resumed"));
        Path progress = dir.resolve("resumed/progress.json");
        assertThatThrownBy(() -> run(new CrashingStore(resumedStore, 2), progress).runOnDemonstrations(dataset(), (d, t) -> { }))
                .hasMessage("simulated crash");
        AugmentationRun.Summary resumed = run(resumedStore, progress).runOnDemonstrations(dataset(), (d, t) -> { });

        assertThat(resumed.resumedAt()).isPositive();
        assertThat(resumed.added()).isEqualTo(uninterrupted.added());
        List<String> expected = whole.read("augmented", Demonstration.class).stream().map(d -> d.action().toString()).toList();
        List<String> actual = resumedStore.read("augmented", Demonstration.class).stream().map(d -> d.action().toString()).toList();
        assertThat(actual).isEqualTo(expected);
        assertThat(resumed.audit()).as("the counts of the example done before the crash are taken again, not lost")
                .isEqualTo(uninterrupted.audit());
        assertThat(resumed.audit().judged()).isEqualTo(dataset().size());
    }

    @Test
    void examplesComputedByThreeWorkersGiveWhatOneGivesAndStopAtTheSameBudget() {
        var lacy = new Lacy(new SeededModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 64);
        var settings = new AugmentationSettings(4, 0.9, 0.5, AugmentationSettings.DEFAULTS.sampling());
        for (int budget : new int[] {0, 3}) {
            var one = new FileDatasetStore(dir.resolve("one-" + budget));
            var three = new FileDatasetStore(dir.resolve("three-" + budget));
            AugmentationRun.Summary sequential = new AugmentationRun(new ActiveAugmenter(lacy, settings), one, "augmented",
                    dir.resolve("one-" + budget + ".json"), "job", budget, 1).runOnDemonstrations(dataset(), (d, t) -> { });
            AugmentationRun.Summary parallel = new AugmentationRun(new ActiveAugmenter(lacy, settings), three, "augmented",
                    dir.resolve("three-" + budget + ".json"), "job", budget, 3).runOnDemonstrations(dataset(), (d, t) -> { });

            assertThat(parallel).as("budget %d", budget).isEqualTo(sequential);
            assertThat(three.read("augmented", Demonstration.class).stream().map(d -> d.action().toString()).toList())
                    .isEqualTo(one.read("augmented", Demonstration.class).stream().map(d -> d.action().toString()).toList());
        }
    }

    @Test
    void aRerunOfAnotherJobIsRefusedInsteadOfContinuingItsCounts() {
        var store = new FileDatasetStore(dir.resolve("jobs"));
        Path progress = dir.resolve("jobs/progress.json");
        var lacy = new Lacy(new SeededModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 64);
        new AugmentationRun(new ActiveAugmenter(lacy, AugmentationSettings.DEFAULTS), store, "augmented", progress, "model A", 0)
                .runOnDemonstrations(dataset().subList(0, 3), (d, t) -> { });

        assertThatThrownBy(() -> new AugmentationRun(new ActiveAugmenter(lacy, AugmentationSettings.DEFAULTS), store, "augmented",
                progress, "model B", 0).runOnDemonstrations(dataset(), (d, t) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another Algorithm 1 job").hasMessageContaining("model A");
        assertThatThrownBy(() -> new AugmentationRun(new ActiveAugmenter(lacy, AugmentationSettings.DEFAULTS.withPerExample(0)),
                store, "augmented", progress, "model A", 0).runOnDemonstrations(dataset(), (d, t) -> { }))
                .as("other settings are another job").hasMessageContaining("perExample=0");
    }

    @Test
    void aBudgetStopsTheRunAfterTheExampleThatReachesIt() {
        var store = new FileDatasetStore(dir.resolve("budget"));
        var lacy = new Lacy(new SeededModelTestDouble(), LacyPromptFormat.withoutChainOfThought(), 64);

        AugmentationRun.Summary summary = new AugmentationRun(new ActiveAugmenter(lacy, AugmentationSettings.DEFAULTS), store,
                "augmented", dir.resolve("budget/progress.json"), "job", 2).runOnDemonstrations(dataset(), (d, t) -> { });

        assertThat(summary.added()).isEqualTo(2);
        assertThat(summary.examples()).isLessThan(dataset().size());
    }

    @Test
    void aRerunOfAFinishedRunAddsNothing() {
        var store = new FileDatasetStore(dir.resolve("again"));
        Path progress = dir.resolve("again/progress.json");
        long first = run(store, progress).runOnDemonstrations(dataset(), (d, t) -> { }).added();
        long second = run(store, progress).runOnDemonstrations(dataset(), (d, t) -> { }).added();
        assertThat(second).isEqualTo(first);
        assertThat(store.size("augmented")).isEqualTo(first);
    }
}
