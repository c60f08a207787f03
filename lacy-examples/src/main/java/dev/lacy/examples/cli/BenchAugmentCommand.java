package dev.lacy.examples.cli;

import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.AugmentationStep;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.pipeline.Augmentations;
import dev.lacy.examples.pipeline.AugmentationRun;
import dev.lacy.examples.pipeline.ModelEvaluations;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench augment}: Algorithm 1's examples per second with a trained model, the paper's loop body as
 * written against ours (the grounding decoded once and shared, identical actions and descriptions verified
 * once), on the same examples in one run, both at our sampling temperature (so that both verify well-formed
 * candidates). With {@code tau = 1} every example is sampled, the case whose cost matters; both paths see the
 * same examples after one warm-up example each.
 */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Algorithm 1's examples per second at N samples: the paper's loop body as written against ours, side by side.")
final class BenchAugmentCommand implements Callable<Integer> {


    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "a fine-tuned model package (e.g. demo/models/joint)")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "test", description = "examples to run on (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--examples", defaultValue = "24", description = "examples per path (default ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--samples", defaultValue = "8", description = "N (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tau", defaultValue = "0.9", description = "tau, for sampling and for the vote, as Algorithm 1 runs "
            + "(default ${DEFAULT-VALUE}); 1 samples every example, but then no description reaches tau and nothing passes")
    double tau;

    @Option(names = "--workers", defaultValue = "1", description = "examples run at once (default ${DEFAULT-VALUE})")
    int workers;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        if (examples < 1) {
            throw new IllegalArgumentException("--examples " + examples + " must be >= 1");
        }
        List<InstructionSample> all = Augmentations.examples(new FileDatasetStore(data), dataset);
        if (all.size() < examples + 1) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has " + all.size() + " examples; the benchmark needs "
                    + (examples + 1));
        }
        AugmentationSettings today = withSamplesAndTau(AugmentationSettings.PAPER_LITERAL, samples, tau);
        AugmentationSettings ours = withSamplesAndTau(AugmentationSettings.DEFAULTS, samples, tau);
        // the paper's loop body at our sampling: the same candidates verified the two ways (at the paper's temperature
        // most samples are malformed and never verified, which is cheaper per example and yields nothing)
        AugmentationSettings paperAtOurs = new AugmentationSettings(samples, tau, today.vote(), ours.sampling(),
                today.sharedGrounding(), today.perExample(), today.groundingCheck());
        var loader = device.models(); // chooses the threads before the model opens
        try (var vlm = OnnxVisionLanguageModel.open(model, device.device())) {
            var lacy = new Lacy(vlm, loader.promptFormat(new dev.lacy.core.port.ModelRef(model)),
                    ModelEvaluations.MAX_NEW_TOKENS);
            Rate asWritten = rate(new ActiveAugmenter(lacy, today), all, 1);
            Rate sameSampling = rate(new ActiveAugmenter(lacy, paperAtOurs), all, 1);
            // ours as 'lacy augment' runs it: the first passes of AugmentationRun.BATCH examples together
            Rate after = rate(new ActiveAugmenter(lacy, ours), all, AugmentationRun.BATCH);
            var result = Output.object().put("benchmark", "augment").put("device", vlm.device().name())
                    .put("model", model.toString()).put("dataset", dataset).put("examples", examples).put("samples", samples)
                    .put("tau", tau);
            asWritten.put(result.putObject("paperLiteral"));
            sameSampling.put(result.putObject("paperAtOurSampling"));
            after.put(result.putObject("ours"));
            result.put("speedup", Math.round(after.perSecond() / asWritten.perSecond() * 100) / 100.0);
            result.put("speedupAtOurSampling", Math.round(after.perSecond() / sameSampling.perSecond() * 100) / 100.0);
            output.print(result, String.format(Locale.ROOT,
                    "Algorithm 1 at N = %d, tau = %.2f on %d examples of '%s': the paper's loop as written %.3f examples/s "
                            + "(%d of %d candidates malformed, %d accepted); at our sampling %.3f (%d of %d, %d accepted); "
                            + "ours %.3f (%d of %d, %d accepted): x%.2f, x%.2f at the same sampling", samples, tau, examples,
                    dataset, asWritten.perSecond(), asWritten.malformed(), asWritten.candidates(), asWritten.accepted(),
                    sameSampling.perSecond(), sameSampling.malformed(), sameSampling.candidates(), sameSampling.accepted(),
                    after.perSecond(), after.malformed(), after.candidates(), after.accepted(),
                    after.perSecond() / asWritten.perSecond(), after.perSecond() / sameSampling.perSecond()));
        }
        return 0;
    }

    private static AugmentationSettings withSamplesAndTau(AugmentationSettings s, int samples, double tau) {
        return new AugmentationSettings(samples, tau, s.vote(), s.sampling(), s.sharedGrounding(), s.perExample(),
                s.groundingCheck());
    }

    private record Rate(double perSecond, int candidates, int malformed, int accepted) {
        void put(com.fasterxml.jackson.databind.node.ObjectNode node) {
            node.put("examplesPerSecond", Math.round(perSecond * 1000) / 1000.0).put("candidates", candidates)
                    .put("malformedCandidates", malformed).put("accepted", accepted);
        }
    }

    /** Examples 1 to {@code examples} (after example 0, to warm up), {@code batch} consecutive ones at a time. */
    private Rate rate(ActiveAugmenter augmenter, List<InstructionSample> all, int batch) {
        augmenter.augment(all.get(0), 0);
        int candidates = 0;
        int malformed = 0;
        int accepted = 0;
        long started = System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<List<AugmentationStep>>>();
        for (int i = 1; i <= examples; i += batch) {
            int from = i;
            int to = Math.min(examples + 1, i + batch);
            futures.add(pool.submit(() -> augmenter.augmentAll(all.subList(from, to), from)));
        }
        for (var future : futures) {
            List<AugmentationStep> steps;
            try {
                steps = future.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (AugmentationStep step : steps) {
                candidates += step.candidates();
                malformed += step.malformedCandidates();
                accepted += step.accepted().size();
            }
        }
        pool.shutdown();
        return new Rate(examples / ((System.nanoTime() - started) / 1e9), candidates, malformed, accepted);
    }
}
