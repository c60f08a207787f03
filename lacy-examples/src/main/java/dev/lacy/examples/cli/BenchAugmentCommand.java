package dev.lacy.examples.cli;

import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.AugmentationStep;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.pipeline.Augmentations;
import dev.lacy.examples.pipeline.ModelEvaluations;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "a fine-tuned model package (e.g. demo/models/joint)")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "test", description = "examples to run on (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--examples", defaultValue = "8", description = "examples per path (default ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--samples", defaultValue = "8", description = "N (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--device", defaultValue = "CPU", description = "CPU, CUDA or AUTO (default ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

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
        AugmentationSettings paper = AugmentationSettings.PAPER_LITERAL;
        AugmentationSettings ours = AugmentationSettings.DEFAULTS;
        // both at our sampling: at the paper's temperature most samples are malformed and never verified, which is
        // cheaper and useless; this compares the same work, done the two ways
        paper = new AugmentationSettings(samples, 1.0, paper.vote(), ours.sampling(), paper.sharedGrounding(), paper.perExample(), paper.groundingCheck());
        ours = new AugmentationSettings(samples, 1.0, ours.vote(), ours.sampling(), ours.sharedGrounding(), ours.perExample(),
                ours.groundingCheck());
        try (var vlm = OnnxVisionLanguageModel.open(model, device)) {
            var lacy = new Lacy(vlm, ModelEvaluations.format(model), ModelEvaluations.MAX_NEW_TOKENS);
            Rate before = rate(new ActiveAugmenter(lacy, paper), all);
            Rate after = rate(new ActiveAugmenter(lacy, ours), all);
            var result = Output.object().put("benchmark", "augment").put("device", vlm.device().name())
                    .put("model", model.toString()).put("examples", examples).put("samples", samples).put("tau", 1.0);
            before.put(result.putObject("paperLiteral"));
            after.put(result.putObject("ours"));
            result.put("speedup", Math.round(after.perSecond() / before.perSecond() * 100) / 100.0);
            Output.print(spec.commandLine().getOut(), json, result, String.format(Locale.ROOT,
                    "Algorithm 1 at N = %d on %d examples: paper as written %.3f examples/s (%d of %d candidates malformed), "
                            + "ours %.3f examples/s (%d of %d malformed): x%.2f", samples, examples, before.perSecond(),
                    before.malformed(), before.candidates(), after.perSecond(), after.malformed(), after.candidates(),
                    after.perSecond() / before.perSecond()));
        }
        return 0;
    }

    private record Rate(double perSecond, int candidates, int malformed, int accepted) {
        void put(com.fasterxml.jackson.databind.node.ObjectNode node) {
            node.put("examplesPerSecond", Math.round(perSecond * 1000) / 1000.0).put("candidates", candidates)
                    .put("malformedCandidates", malformed).put("accepted", accepted);
        }
    }

    private Rate rate(ActiveAugmenter augmenter, List<InstructionSample> all) {
        augmenter.augment(all.get(0), 0);
        int candidates = 0;
        int malformed = 0;
        int accepted = 0;
        long started = System.nanoTime();
        for (int i = 1; i <= examples; i++) {
            AugmentationStep step = augmenter.augment(all.get(i), i);
            candidates += step.candidates();
            malformed += step.malformedCandidates();
            accepted += step.accepted().size();
        }
        return new Rate(examples / ((System.nanoTime() - started) / 1e9), candidates, malformed, accepted);
    }
}
