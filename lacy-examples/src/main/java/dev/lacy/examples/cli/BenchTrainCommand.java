package dev.lacy.examples.cli;

import com.google.inject.Guice;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.trainer.TrainerBenchmarks;
import dev.lacy.trainer.TrainingFlops;
import dev.lacy.trainer.TrainerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench train}: base-pretraining samples per second and peak resident memory at the
 * default sizes, the operations per second they amount to and their share of this machine's matmul peak measured in
 * the same run (MFU); then greedy decoding of the same weights with DJL's PyTorch engine in an eager
 * loop (what a Python script would run) against the exported ONNX package, side by side.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training samples/s and peak memory at the default sizes; eager DJL/PyTorch decoding vs the exported ONNX package.")
final class BenchTrainCommand implements Callable<Integer> {


    @Option(names = "--steps", defaultValue = "20", description = "measured training steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--tokens", defaultValue = "64", description = "new tokens per decoding run (default ${DEFAULT-VALUE})")
    int tokens;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException {
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(new TabletopSettings(224, 3, 8, Randomization.NONE)));
        ScriptedDemonstrator demonstrator = injector.getInstance(ScriptedDemonstrator.class);
        var random = new SplittableRandom(1);
        var samples = new ArrayList<GroundingSample>();
        for (int i = 0; i < 128; i++) {
            samples.add(demonstrator.grounding(random));
        }
        TrainerSettings settings = TrainerSettings.DEFAULTS;
        TrainerBenchmarks.Throughput throughput = TrainerBenchmarks.trainingThroughput(settings, samples, 3, steps, 1);
        double samplesPerSecond = throughput.samplesPerSecond();
        long peakKb = peakResidentKb();
        // the machine's matmul peak, measured now with the trainer's threads: MFU is the share of it training achieves
        double peak = TrainingFlops.matmulPeak(1024, 10);
        double mfu = throughput.flopsPerSecond() / peak;

        List<String> names = injector.getInstance(ObjectCatalogue.class).entries().stream().map(e -> e.name()).toList();
        Path directory = Files.createTempDirectory("lacy-bench-train");
        try {
            TrainerBenchmarks.randomPackage(settings, names, directory, 3);
            RgbImage image = samples.get(0).observation().image();
            String prompt = LacyPromptFormat.withChainOfThought().l2aPrompt("Pick the lemon and place it in the center of the workspace");
            String eagerText = TrainerBenchmarks.eagerGreedy(directory, image, prompt, tokens);
            long started = System.nanoTime();
            TrainerBenchmarks.eagerGreedy(directory, image, prompt, tokens);
            double eagerSeconds = (System.nanoTime() - started) / 1e9;
            String onnxText;
            double onnxSeconds;
            try (var model = OnnxVisionLanguageModel.open(directory, Device.CPU)) {
                var request = new GenerationRequest(LacyTask.L2A, image, prompt, Decoding.greedy(), 1, tokens, List.of());
                onnxText = model.generate(request).get(0);
                started = System.nanoTime();
                model.generate(request);
                onnxSeconds = (System.nanoTime() - started) / 1e9;
            }
            var result = Output.object().put("benchmark", "train").put("hidden", settings.hidden()).put("layers", settings.layers())
                    .put("visionLayers", settings.visionLayers()).put("imageSize", settings.imageSize())
                    .put("batch", settings.pretraining().batch()).put("trainingSamplesPerSecond", round(samplesPerSecond))
                    .put("peakResidentMiB", peakKb / 1024)
                    .put("trainingGflopsPerSample", round(throughput.flopsPerSample() / 1e9))
                    .put("trainingGflopsPerSecond", round(throughput.flopsPerSecond() / 1e9))
                    .put("matmulPeakGflopsPerSecond", round(peak / 1e9)).put("mfu", Math.round(mfu * 10000) / 10000.0)
                    .put("newTokens", tokens)
                    .put("eagerDjlSeconds", round(eagerSeconds)).put("onnxSeconds", round(onnxSeconds))
                    .put("onnxSpeedup", round(eagerSeconds / onnxSeconds)).put("sameText", eagerText.equals(onnxText));
            output.print(result, String.format(Locale.ROOT,
                    "training: %.1f samples/s (%.1f GFLOP/s, %.1f %% of this machine's %.1f GFLOP/s matmul peak), peak RSS %d MiB; greedy decoding of %d tokens: eager DJL %.2f s, ONNX package %.2f s "
                            + "(x%.1f), same text: %s", samplesPerSecond, throughput.flopsPerSecond() / 1e9, 100 * mfu, peak / 1e9,
                    peakKb / 1024, tokens, eagerSeconds, onnxSeconds,
                    eagerSeconds / onnxSeconds, eagerText.equals(onnxText)));
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** VmHWM of this process (Linux); -1 elsewhere. */
    static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
