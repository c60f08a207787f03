package dev.lacy.examples.cli;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench decode}: decoding throughput of the ONNX runtime on one lacy-tiny model with
 * random weights (throughput does not depend on what the weights say), or on a given package: with against without
 * the KV cache, and n samples decoded as one batch against n sequential calls. Tokens are counted with the package's
 * tokenizer. Best of five after warm-up.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Tokens per second: KV cache vs full recomputation, and n samples batched vs sequential.")
final class BenchDecodeCommand implements Callable<Integer> {


    @Option(names = "--model", paramLabel = "DIR", description = "a model package to measure (an exported LLaVA-NeXT, say) "
            + "instead of a random lacy-tiny of --hidden and --layers")
    Path model;

    @Option(names = "--hidden", defaultValue = "128", description = "model width (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "decoder layers (default ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--tokens", defaultValue = "128", description = "new tokens per sample (default ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--samples", defaultValue = "8", description = "samples for the batching comparison (default ${DEFAULT-VALUE})")
    int samples;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException {
        var config = new TinyLlavaConfig(32, 8, hidden, 4, layers, 2 * hidden, CharacterTokenizer.vocabularySize(), 512);
        Path directory = model != null ? model : Files.createTempDirectory("lacy-bench-decode");
        try {
            if (model == null) {
                TinyLlavaPackages.write(directory, "bench", TinyLlavaWeights.random(config, 1), new ModelPackageWriter(), true);
            }
            String prompt = LacyPromptFormat.withChainOfThought().l2aPrompt("Pick the lemon and place it in the center of the workspace");
            RgbImage image = RgbImage.filled(64, 64, 0x8899aa);
            try (var cached = OnnxVisionLanguageModel.open(directory, device.device(), true);
                 var recomputing = OnnxVisionLanguageModel.open(directory, device.device(), false)) {
                var greedy = new GenerationRequest(LacyTask.L2A, image, prompt, Decoding.greedy(), 1, tokens, List.of());
                java.util.function.ToIntFunction<List<String>> length = texts -> texts.stream()
                        .mapToInt(t -> Math.max(1, cached.countTokens(t))).sum();
                double withCache = rate(() -> length.applyAsInt(cached.generate(greedy)));
                double withoutCache = rate(() -> length.applyAsInt(recomputing.generate(greedy)));
                var batch = new GenerationRequest(LacyTask.L2A, image, prompt, Decoding.sampled(1.0, 1.0, 7), samples, tokens, List.of());
                double batched = rate(() -> length.applyAsInt(cached.generate(batch)));
                double sequential = rate(() -> {
                    int total = 0;
                    for (int s = 0; s < samples; s++) {
                        total += length.applyAsInt(cached.generate(new GenerationRequest(LacyTask.L2A, image, prompt,
                                Decoding.sampled(1.0, 1.0, 7 + s), 1, tokens, List.of())));
                    }
                    return total;
                });
                var result = Output.object().put("benchmark", "decode").put("device", cached.device().name())
                        .put("model", model == null ? "random lacy-tiny" : model.toString())
                        .put("hidden", cached.manifest().decoder().hidden()).put("layers", cached.manifest().decoder().layers())
                        .put("promptTokens", cached.countTokens(prompt.replace("<image>", ""))).put("newTokens", tokens).put("samples", samples)
                        .put("tokensPerSecondWithKvCache", round(withCache))
                        .put("tokensPerSecondWithoutKvCache", round(withoutCache))
                        .put("kvCacheSpeedup", round(withCache / withoutCache))
                        .put("tokensPerSecondBatched", round(batched))
                        .put("tokensPerSecondSequential", round(sequential))
                        .put("batchingSpeedup", round(batched / sequential));
                output.print(result, String.format(Locale.ROOT,
                        "KV cache: %.0f tokens/s vs %.0f without (x%.2f); %d samples batched: %.0f tokens/s vs %.0f sequential (x%.2f)",
                        withCache, withoutCache, withCache / withoutCache, samples, batched, sequential, batched / sequential));
            }
        } finally {
            if (model == null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    /** Tokens per second, best of five after one warm-up run. */
    private static double rate(IntSupplier run) {
        run.getAsInt();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            int produced = run.getAsInt();
            best = Math.max(best, produced / ((System.nanoTime() - started) / 1e9));
        }
        return best;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
