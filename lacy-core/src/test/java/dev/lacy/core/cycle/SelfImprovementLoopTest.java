package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.testing.FileTrainerTestDouble;
import dev.lacy.core.testing.PaperScene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfImprovementLoopTest {

    @TempDir
    Path work;

    private static final Demonstration DEMO = new Demonstration(Observation.of(RgbImage.filled(2, 2, 0), PaperScene.SCENE),
            "Pick the lemon and place it in the center", PickPlaceAction.of(0.493, 0.522, 0.5, 0.5));

    private final FileTrainerTestDouble trainer = new FileTrainerTestDouble();

    private ModelRef base() {
        return trainer.pretrain(new PretrainJob(
                List.of(new GroundingSample(Observation.of(RgbImage.filled(2, 2, 0), PaperScene.SCENE))),
                work.resolve("base"), 0, TrainingListener.SILENT));
    }

    /** A loop over the trainer double whose every evaluation is empty. */
    private SelfImprovementLoop loop() {
        var emptyReport = new EvaluationReport(0, new TaskScore(0, 0), new TaskScore(0, 0), new TaskScore(0, 0),
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), Optional.empty());
        return new SelfImprovementLoop(trainer, FileTrainerTestDouble.loader(),
                AugmentationSettings.DEFAULTS, 32, lacy -> emptyReport, TrainingListener.SILENT);
    }

    @Test
    void everyIterationRetrainsFromTheBaseOnTheGrowingDataAndIsEvaluated() {
        ModelRef base = base();
        // The trainer double's models answer every prompt with one line, which is no action: every
        // example is sampled and every candidate is malformed, so no data is added.
        var loop = loop();

        List<IterationReport> reports = loop.run(new ImprovementPlan(base, List.of(DEMO, DEMO), List.of(), 2,
                TrainingMode.JOINT, work.resolve("loop"), 10));

        assertThat(reports).extracting(IterationReport::iteration).containsExactly(0, 1, 2);
        assertThat(reports).extracting(IterationReport::trainingSize).containsExactly(2, 2, 2);
        assertThat(trainer.fineTunes()).hasSize(3).allSatisfy(job -> assertThat(job.base()).isEqualTo(base));
        assertThat(trainer.fineTunes()).extracting(j -> j.output().getFileName().toString())
                .containsExactly("iteration-0", "iteration-1", "iteration-2");
        assertThat(trainer.fineTunes()).extracting(j -> j.seed()).containsExactly(10L, 11L, 12L);
    }

    @Test
    void placePointsHeldClearSurviveMakingTheLoopResumable() {
        var clear = new dev.lacy.core.format.ClearPlace(dev.lacy.core.scene.Footprints.none(),
                dev.lacy.core.spatial.SpatialThresholds.PAPER);
        IterationAugmentation none = (augmenter, iteration, initial) -> List.of();

        assertThat(loop().clearsPlaces()).isFalse();
        assertThat(loop().resumingWith(none).clearsPlaces()).isFalse();
        // a resumable loop names its Algorithm 1 jobs by it: the setting must not be lost on the way
        assertThat(loop().withClearPlaces(clear).resumingWith(none).clearsPlaces()).isTrue();
        List<IterationReport> reports = loop().withClearPlaces(clear).resumingWith(none).run(new ImprovementPlan(base(),
                List.of(DEMO), List.of(), 1, TrainingMode.JOINT, work.resolve("loop"), 10));
        assertThat(reports).extracting(IterationReport::trainingSize).containsExactly(1, 1);
    }

    @Test
    void aResumableLoopTrainsNoCompleteIterationAgainAndMergesWhatItsAugmentationKept() {
        ModelRef base = base();
        // a kept augmentation (a test double of a resumable one): iteration n's triplets are n copies of the demonstration
        var augmented = new ArrayList<Integer>();
        IterationAugmentation kept = (augmenter, iteration, initial) -> {
            augmented.add(iteration);
            return java.util.Collections.nCopies(iteration, DEMO);
        };
        var loop = loop().resumingWith(kept);
        var plan = new ImprovementPlan(base, List.of(DEMO), List.of(), 2, TrainingMode.JOINT, work.resolve("loop"), 10);

        List<IterationReport> first = loop.run(plan);
        List<IterationReport> again = loop.run(plan);

        assertThat(first).extracting(IterationReport::trainingSize).containsExactly(1, 2, 4);
        assertThat(first).extracting(IterationReport::added).containsExactly(0, 1, 2);
        assertThat(again).extracting(IterationReport::trainingSize).containsExactly(1, 2, 4);
        assertThat(trainer.fineTunes()).as("the rerun trains nothing").hasSize(3);
        assertThat(trainer.fineTunes()).extracting(j -> j.demonstrations().size()).containsExactly(1, 2, 4);
        assertThat(augmented).containsExactly(1, 2, 1, 2);
    }

    @Test
    void overAPoolEachIterationSeesItsOwnShareOfNewInstructions() {
        ModelRef base = base();
        var pool = new java.util.ArrayList<dev.lacy.core.data.InstructionSample>();
        for (int i = 0; i < 7; i++) {
            pool.add(new dev.lacy.core.data.InstructionSample(Observation.imageOnly(RgbImage.filled(2, 2, i)),
                    "Pick the lemon and place it in the center " + i));
        }
        var seen = new ArrayList<List<String>>();
        IterationAugmentation recording = (augmenter, iteration, examples) -> {
            seen.add(examples.stream().map(dev.lacy.core.data.InstructionSample::instruction).toList());
            return List.of();
        };
        var plan = new ImprovementPlan(base, List.of(DEMO), List.of(), 3, TrainingMode.JOINT, work.resolve("pool"), 10, pool);

        loop().resumingWith(recording).run(plan);

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).hasSize(2);
        assertThat(seen.get(1)).hasSize(2);
        assertThat(seen.get(2)).as("the last share takes the remainder").hasSize(3);
        assertThat(seen.stream().flatMap(List::stream).toList()).as("disjoint, in order, all of the pool")
                .isEqualTo(pool.stream().map(dev.lacy.core.data.InstructionSample::instruction).toList());
    }
}
