package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FineTuneTest {

    @TempDir
    static Path dir;

    static ModelRef base;

    @BeforeAll
    static void pretrainATinyBase() {
        base = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(SyntheticScenes.grounding(8, 1),
                dir.resolve("base"), 3, TrainingListener.SILENT));
    }

    @Test
    void pretrainingContinuedFromTheBaseStartsWhereItEndedKeepsItsSizesAndRefusesNamesItNeverHad() throws Exception {
        var samples = SyntheticScenes.grounding(8, 1);
        var fresh = new java.util.ArrayList<dev.lacy.core.port.TrainingProgress>();
        new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(samples, dir.resolve("fresh"), 3, fresh::add));
        var continued = new java.util.ArrayList<dev.lacy.core.port.TrainingProgress>();

        ModelRef longer = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(samples, dir.resolve("longer"), 3,
                continued::add).continuing(base));

        assertThat(continued.get(0).loss()).as("first loss continuing, against from nothing")
                .isLessThan(fresh.get(0).loss() * 0.8);
        assertThat(TinyLlavaPackages.read(longer.location()).config()).isEqualTo(TinyLlavaPackages.read(base.location()).config());
        assertThat(Files.readAllBytes(longer.location().resolve("tokenizer.json")))
                .isEqualTo(Files.readAllBytes(base.location().resolve("tokenizer.json")));
        assertThat(TinyLlavaPackages.read(longer.location()).lmHead()).isNotEqualTo(TinyLlavaPackages.read(base.location()).lmHead());
        var zebra = new dev.lacy.core.data.GroundingSample(dev.lacy.core.scene.Observation.of(
                dev.lacy.core.scene.RgbImage.filled(32, 32, 0), new dev.lacy.core.scene.Scene(List.of(
                        new dev.lacy.core.scene.SceneObject("zebra", new dev.lacy.core.scene.Point(0.5, 0.5), 0.1)))));
        assertThatThrownBy(() -> new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(List.of(zebra),
                dir.resolve("zebra"), 3, TrainingListener.SILENT).continuing(base)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zebra");
    }

    @Test
    void aBaseTaughtThePickPhrasesByDefaultSaysSoAndWhatIsTrainedFromItIsTaughtThemToo() {
        var samples = SyntheticScenes.grounding(8, 1);
        ModelRef taught = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(samples, dir.resolve("taught"), 3,
                TrainingListener.SILENT));
        ModelRef plain = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(samples, dir.resolve("plain"), 3,
                TrainingListener.SILENT).withoutPickPhrases());
        ModelRef continued = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(samples, dir.resolve("taught-longer"), 3,
                TrainingListener.SILENT).continuing(taught));
        var demos = SyntheticScenes.demonstrations(4, 2);
        ModelRef joint = new DjlTrainer(TrainingTest.TINY).fineTune(new FineTuneJob(taught, demos,
                SyntheticScenes.consistency(demos), TrainingMode.JOINT, dir.resolve("taught-joint"), 5, TrainingListener.SILENT));

        assertThat(ModelPackage.readManifest(taught.location()).pickPhrases()).isTrue();
        assertThat(ModelPackage.readManifest(continued.location()).pickPhrases()).as("a continuation keeps them").isTrue();
        assertThat(ModelPackage.readManifest(joint.location()).pickPhrases()).as("a fine-tune keeps them").isTrue();
        assertThat(new dev.lacy.onnx.runtime.OnnxModelLoader(dev.lacy.onnx.runtime.Device.CPU).promptFormat(joint).pickPhrases()).isTrue();
        assertThat(ModelPackage.readManifest(plain.location()).pickPhrases()).as("a base told to leave them out").isFalse();
        assertThat(ModelPackage.readManifest(joint.location()).comparisonLine()).as("four demonstrations: by cells").isEqualTo(1);
        ModelRef halves = new DjlTrainer(TrainingTest.TINY.withFixedComparisonLine(2)).fineTune(new FineTuneJob(taught, demos,
                SyntheticScenes.consistency(demos), TrainingMode.JOINT, dir.resolve("halves-joint"), 5, TrainingListener.SILENT));
        assertThat(ModelPackage.readManifest(halves.location()).comparisonLine()).as("by halves where asked").isEqualTo(2);
        assertThat(new dev.lacy.onnx.runtime.OnnxModelLoader(dev.lacy.onnx.runtime.Device.CPU).promptFormat(halves).comparisonLine())
                .isEqualTo(2);
        assertThat(ModelPackage.readManifest(taught.location()).comparisonLine()).as("a base has none of its own").isEqualTo(1);
        ModelRef plainJoint = new DjlTrainer(TrainingTest.TINY).fineTune(new FineTuneJob(plain, demos,
                SyntheticScenes.consistency(demos), TrainingMode.JOINT, dir.resolve("plain-joint"), 5, TrainingListener.SILENT));
        assertThat(ModelPackage.readManifest(plainJoint.location()).pickPhrases()).as("nor are its fine-tunes").isFalse();
    }

    @Test
    void aJointAdapterLeavesTheBaseWeightsAsTheyWere() {
        var demos = SyntheticScenes.demonstrations(6, 2);
        ModelRef joint = new DjlTrainer(TrainingTest.TINY).fineTune(new FineTuneJob(base, demos,
                SyntheticScenes.consistency(demos), TrainingMode.JOINT, dir.resolve("joint"), 5, TrainingListener.SILENT));
        TinyLlavaWeights before = TinyLlavaPackages.read(base.location());
        TinyLlavaWeights after = TinyLlavaPackages.read(joint.location());
        assertThat(after.layers().get(0).q()).containsExactly(before.layers().get(0).q());
        assertThat(after.lmHead()).containsExactly(before.lmHead());
        assertThat(after.patchW()).containsExactly(before.patchW());
        // the adapters' window is wider than the base's: the base's map keeps its offsets, the new ones are zero
        // in the base graphs, and the window's change travels in the adapter
        assertThat(before.config().textWindow()).isEqualTo(TrainingTest.TINY.textWindow());
        assertThat(after.config().textWindow()).isEqualTo(TrainingTest.TINY.adapterTextWindow()).isGreaterThan(before.config().textWindow());
        assertThat(java.util.Arrays.copyOf(after.textMix(), before.textMix().length)).containsExactly(before.textMix());
        for (int i = before.textMix().length; i < after.textMix().length; i++) {
            assertThat(after.textMix()[i]).as("new offsets' map, weight %d", i).isZero();
        }
        ModelManifest manifest = ModelPackage.open(joint.location()).manifest();
        assertThat(manifest.embeddingWindow()).isEqualTo(TrainingTest.TINY.adapterTextWindow());
        assertThat(manifest.adapters()).containsOnlyKeys("joint");
        assertThat(manifest.embeddingAdapters()).containsOnly(org.assertj.core.api.Assertions.entry("joint", "joint.embedding.onnx_adapter"));
        assertThat(manifest.tasks()).containsEntry(LacyTask.L2A, "joint").containsEntry(LacyTask.A2L, "joint")
                .containsEntry(LacyTask.L2C, "joint").doesNotContainKey(LacyTask.GROUNDING);
        assertThat(manifest.chainOfThought()).isTrue();
        assertThat(manifest.groundFirst()).as("each task grounds in its own completion").isFalse();
        assertThat(Files.exists(DjlTrainer.checkpoint(joint.location(), "joint"))).as("checkpoint removed").isFalse();
    }

    @Test
    void independentTrainsOneAdapterPerTaskAndNonCotRecordsItsFormat() {
        var demos = SyntheticScenes.demonstrations(6, 3);
        var trainer = new DjlTrainer(TrainingTest.TINY);
        ModelManifest ind = ModelPackage.open(trainer.fineTune(new FineTuneJob(base, demos, SyntheticScenes.consistency(demos),
                TrainingMode.INDEPENDENT, dir.resolve("ind"), 5, TrainingListener.SILENT)).location()).manifest();
        assertThat(ind.adapters()).containsOnlyKeys("l2a", "a2l", "l2c");
        assertThat(ind.embeddingAdapters()).containsOnlyKeys("l2a", "a2l", "l2c");
        assertThat(ind.tasks()).containsEntry(LacyTask.L2A, "l2a").containsEntry(LacyTask.A2L, "a2l").containsEntry(LacyTask.L2C, "l2c");
        assertThat(ind.groundFirst()).isFalse();
        ModelManifest noncot = ModelPackage.open(trainer.fineTune(new FineTuneJob(base, demos, SyntheticScenes.consistency(demos),
                TrainingMode.NON_COT, dir.resolve("noncot"), 5, TrainingListener.SILENT)).location()).manifest();
        assertThat(noncot.chainOfThought()).isFalse();
        assertThat(noncot.groundFirst()).isFalse();
        assertThat(noncot.comparisonLine()).as("no comparison line without chain of thought").isEqualTo(1);
        assertThat(ind.comparisonLine()).isEqualTo(1);
        assertThat(noncot.adapters()).containsOnlyKeys("noncot");
    }

    /** Full training (pretraining) and an adapter's training, which reads the frozen vision encoder's features computed once. */
    @ParameterizedTest(name = "every weight trained: {0}")
    @ValueSource(booleans = {true, false})
    void aRunInterruptedAfterACheckpointContinuesTheSameRun(boolean full) {
        PyTorchEngine.configure();
        var format = LacyPromptFormat.withChainOfThought();
        StageSettings stage = new StageSettings(30, 4, 3e-3, 0.1, 0.01, 1.0, 1.0, 10);
        Path checkpoint = dir.resolve("resume-" + (full ? "full" : "adapter") + ".checkpoint");
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), new TreeSet<>(SyntheticScenes.NAMES));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            var config = TrainingTest.TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var random = new SplittableRandom(3);
            SyntheticScenes.grounding(6, 4).forEach(s -> data.addPretraining(s, format, random));
            float[] uninterrupted;
            try (var network = network(manager, config, full)) {
                new TrainingRun("resume", network, data, data.examples(), stage, full, tokenizer, 7, null,
                        TrainingListener.SILENT).run();
                uninterrupted = trained(network, full);
            }
            try (var network = network(manager, config, full)) {
                TrainingListener crash = p -> {
                    if (p.step() == 20) {
                        throw new IllegalStateException("simulated crash");
                    }
                };
                assertThatThrownBy(() -> new TrainingRun("resume", network, data, data.examples(), stage, full, tokenizer, 7,
                        checkpoint, crash).run()).hasMessage("simulated crash");
            }
            assertThat(checkpoint).exists();
            var steps = new java.util.ArrayList<Long>();
            try (var network = network(manager, config, full)) {
                new TrainingRun("resume", network, data, data.examples(), stage, full, tokenizer, 7, checkpoint,
                        p -> steps.add(p.step())).run();
                float[] resumed = trained(network, full);
                assertThat(steps).containsExactly(30L);
                for (int i = 0; i < resumed.length; i++) {
                    assertThat(resumed[i]).isCloseTo(uninterrupted[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            // an interrupt (the command line's shutdown hook) stops a run between two steps, after its checkpoint,
            // and the same run continues from there
            Path interrupted = dir.resolve("interrupt-" + (full ? "full" : "adapter") + ".checkpoint");
            try (var network = network(manager, config, full)) {
                TrainingListener interrupt = p -> {
                    if (p.step() == 20) {
                        Thread.currentThread().interrupt();
                    }
                };
                assertThatThrownBy(() -> new TrainingRun("resume", network, data, data.examples(), stage, full, tokenizer, 7,
                        interrupted, interrupt).run())
                        .isInstanceOf(java.util.concurrent.CancellationException.class)
                        .hasMessage("resume: stopped at step 20 of 30 (interrupted); the same command continues from the last checkpoint");
                assertThat(Thread.interrupted()).as("the interrupt stays visible to the caller").isTrue();
            }
            try (var network = network(manager, config, full)) {
                new TrainingRun("resume", network, data, data.examples(), stage, full, tokenizer, 7, interrupted,
                        TrainingListener.SILENT).run();
                float[] resumed = trained(network, full);
                for (int i = 0; i < resumed.length; i++) {
                    assertThat(resumed[i]).isCloseTo(uninterrupted[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            var otherSettings = stage.withSteps(31);
            try (var network = network(manager, config, full)) {
                assertThatThrownBy(() -> new TrainingRun("resume", network, data, data.examples(), otherSettings, full,
                        tokenizer, 7, checkpoint, TrainingListener.SILENT).run())
                        .hasMessageContaining("checkpoint of another training run");
            }
        }
    }

    private static TinyLlavaNetwork network(NDManager manager, dev.lacy.onnx.tiny.TinyLlavaConfig config, boolean full) {
        var network = new TinyLlavaNetwork(manager, TinyLlavaWeights.random(config, 5), 5, 5);
        if (!full) {
            network.addLora(List.of("q", "mlp2"), 4, 8, 5);
        }
        return network;
    }

    /** A weight the run trains: a base weight, or the adapter's LoRA B of the same projection. */
    private static float[] trained(TinyLlavaNetwork network, boolean full) {
        return (full ? network.baseParameters().get("layers.1.mlp2.weight")
                : network.loraParameters().get("layers.1.mlp2.lora_B")).toFloatArray();
    }
}
