package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.core.port.TrainingProgress;
import dev.lacy.core.port.VisionLanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Trainer} does: it writes models its loader opens, reports progress, and is seeded. */
public abstract class AbstractTrainerContractTest {

    @TempDir
    protected Path work;

    protected abstract Trainer createTrainer();

    protected abstract ModelLoader loader();

    /** A handful of grounding samples the trainer accepts (images of its input size). */
    protected abstract List<GroundingSample> groundingSamples();

    /** A handful of demonstrations the trainer accepts. */
    protected abstract List<Demonstration> demonstrations();

    protected List<ConsistencySample> consistencySamples() {
        return List.of();
    }

    private String greedyAnswer(ModelRef model, Demonstration demonstration) {
        try (VisionLanguageModel vlm = loader().load(model)) {
            return vlm.generate(new GenerationRequest(LacyTask.L2A, demonstration.observation().image(),
                    "<image>\n" + demonstration.instruction() + "\n", Decoding.greedy(), 1, 16, List.of())).get(0);
        }
    }

    @Test
    void pretrainingAndFineTuningWriteModelsTheLoaderOpensAndProgressIsReported() {
        Trainer trainer = createTrainer();
        var progress = new ArrayList<TrainingProgress>();

        ModelRef base = trainer.pretrain(new PretrainJob(groundingSamples(), work.resolve("base"), 1, progress::add));
        ModelRef tuned = trainer.fineTune(new FineTuneJob(base, demonstrations(), consistencySamples(), TrainingMode.JOINT,
                work.resolve("joint"), 1, progress::add));

        assertThat(greedyAnswer(tuned, demonstrations().get(0))).isNotNull();
        assertThat(progress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.loss()).isFinite();
            assertThat(p.step()).isBetween(0L, p.totalSteps());
        });
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        Trainer trainer = createTrainer();
        ModelRef base = trainer.pretrain(new PretrainJob(groundingSamples(), work.resolve("base"), 1, p -> { }));
        ModelRef first = trainer.fineTune(new FineTuneJob(base, demonstrations(), consistencySamples(), TrainingMode.JOINT,
                work.resolve("a"), 7, p -> { }));
        ModelRef second = trainer.fineTune(new FineTuneJob(base, demonstrations(), consistencySamples(), TrainingMode.JOINT,
                work.resolve("b"), 7, p -> { }));

        assertThat(greedyAnswer(first, demonstrations().get(0))).isEqualTo(greedyAnswer(second, demonstrations().get(0)));
    }

    @Test
    void pretrainingContinuesFromABaseIntoAModelTheLoaderOpensAndNotFromAMissingOne() {
        Trainer trainer = createTrainer();
        ModelRef base = trainer.pretrain(new PretrainJob(groundingSamples(), work.resolve("base"), 1, p -> { }));
        var progress = new ArrayList<TrainingProgress>();

        ModelRef longer = trainer.pretrain(new PretrainJob(groundingSamples(), work.resolve("longer"), 2, progress::add)
                .continuing(base));
        ModelRef tuned = trainer.fineTune(new FineTuneJob(longer, demonstrations(), consistencySamples(), TrainingMode.JOINT,
                work.resolve("joint"), 1, p -> { }));

        assertThat(loader().isComplete(longer)).isTrue();
        assertThat(greedyAnswer(tuned, demonstrations().get(0))).isNotNull();
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.loss()).isFinite());
        Path missing = work.resolve("no-such-base");
        assertThatThrownBy(() -> trainer.pretrain(new PretrainJob(groundingSamples(), work.resolve("other"), 1, p -> { })
                .continuing(new ModelRef(missing)))).hasMessageContaining("no-such-base");
    }

    @Test
    void fineTuningFromAMissingBaseFailsNamingIt() {
        Trainer trainer = createTrainer();
        Path missing = work.resolve("no-such-model");

        assertThatThrownBy(() -> trainer.fineTune(new FineTuneJob(new ModelRef(missing), demonstrations(),
                consistencySamples(), TrainingMode.JOINT, work.resolve("out"), 1, p -> { })))
                .hasMessageContaining("no-such-model");
    }
}
