package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.scene.PixelValues;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** What {@code lacy bench train} measures on the trainer's side: training throughput, and the eager DJL decoding loop. */
public final class TrainerBenchmarks {

    private TrainerBenchmarks() {
    }

    /**
     * Base pretraining's throughput: samples per second over {@code steps} steps after {@code warmup} unmeasured ones,
     * and the operations a sample costs on average ({@link TrainingFlops}).
     */
    public record Throughput(double samplesPerSecond, double flopsPerSample) {

        public double flopsPerSecond() {
            return samplesPerSecond * flopsPerSample;
        }
    }

    /** Base-pretraining samples per second over {@code steps} steps after {@code warmup} unmeasured ones. */
    public static double trainingSamplesPerSecond(TrainerSettings settings, List<GroundingSample> samples, int warmup, int steps,
                                                  long seed) {
        return trainingThroughput(settings, samples, warmup, steps, seed).samplesPerSecond();
    }

    /** As {@link #trainingSamplesPerSecond}, with the operations per sample. */
    public static Throughput trainingThroughput(TrainerSettings settings, List<GroundingSample> samples, int warmup, int steps,
                                                long seed) {
        PyTorchEngine.configure();
        var names = new TreeSet<String>();
        samples.forEach(s -> s.observation().groundTruth().orElseThrow().objects().forEach(o -> names.add(o.name())));
        var format = LacyPromptFormat.withChainOfThought();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), names);
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            TinyLlavaConfig config = settings.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, List.copyOf(names));
            var random = new SplittableRandom(seed);
            samples.forEach(s -> data.addPretraining(s, format, random));
            try (var network = new TinyLlavaNetwork(manager, TinyLlavaWeights.random(config, seed), names.size() + 1, seed)) {
                network.factorTextMix(settings.textMixRank(), seed);
                new TrainingRun("warm-up", network, data, data.examples(), settings.pretraining().withSteps(warmup), true,
                        tokenizer, seed, null, TrainingListener.SILENT).run();
                long started = System.nanoTime();
                new TrainingRun("bench", network, data, data.examples(), settings.pretraining().withSteps(steps), true,
                        tokenizer, seed, null, TrainingListener.SILENT).run();
                double perSecond = (double) steps * settings.pretraining().batch() / ((System.nanoTime() - started) / 1e9);
                // the mean over the examples the steps draw from: every example is as likely in a batch
                double textTokens = data.examples().stream().mapToInt(e -> e.ids().length).average().orElse(0);
                return new Throughput(perSecond, TrainingFlops.perSequence(config, textTokens, names.size() + 1));
            }
        }
    }

    /** A package written from random weights at the trainer's sizes (base model, no adapter), for decoding benchmarks. */
    public static Path randomPackage(TrainerSettings settings, List<String> objectNames, Path directory, long seed) {
        var format = LacyPromptFormat.withChainOfThought();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), new TreeSet<>(objectNames))) {
            TinyLlavaConfig config = settings.config(tokenizer.size());
            return TinyLlavaPackages.write(directory, "bench", TinyLlavaWeights.random(config, seed), tokenizer.json(),
                    tokenizer.size(), new dev.lacy.onnx.writer.ModelPackageWriter(), true);
        }
    }

    /**
     * Greedy decoding of a package's base model with DJL's PyTorch engine the way an eager Python loop
     * does it: every new token runs the whole sequence again (no key-value cache). Returns the text.
     */
    public static String eagerGreedy(Path model, RgbImage image, String prompt, int maxNewTokens) {
        PyTorchEngine.configure();
        TinyLlavaWeights weights = TinyLlavaPackages.read(model);
        TinyLlavaConfig c = weights.config();
        try (var tokenizer = LacyTokenizer.read(Files.readAllBytes(model.resolve("tokenizer.json")));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch");
             var network = new TinyLlavaNetwork(manager, weights, 1, 0)) {
            network.all().values().forEach(a -> a.setRequiresGradient(false));
            float[] pixels = PixelValues.of(image, c.imageSize(), new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
            var ids = new ArrayList<Long>();
            for (long id : tokenizer.encode(prompt.replace(LacyPromptFormat.IMAGE, ""))) {
                ids.add(id);
            }
            var generated = new ArrayList<Long>();
            for (int t = 0; t < maxNewTokens && c.imageTokens() + ids.size() < c.maxPositions(); t++) {
                long next;
                try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
                    long[] array = ids.stream().mapToLong(Long::longValue).toArray();
                    NDArray features = network.vision(step.create(pixels, new Shape(1, 3, c.imageSize(), c.imageSize())));
                    NDArray text = network.embed(step.create(array, new Shape(1, array.length)));
                    int total = c.imageTokens() + array.length;
                    NDArray logits = network.decode(features, text, total - 1, total);
                    next = logits.argMax(-1).toLongArray()[0];
                }
                if (next == LacyTokenizer.EOS) {
                    break;
                }
                ids.add(next);
                generated.add(next);
            }
            return tokenizer.decode(generated.stream().mapToLong(Long::longValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + model, e);
        }
    }
}
