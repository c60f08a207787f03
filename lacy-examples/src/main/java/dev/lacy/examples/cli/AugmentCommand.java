package dev.lacy.examples.cli;

import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.pipeline.AugmentationRun;
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

@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Algorithm 1 (confidence-based active augmentation with majority voting) over a dataset of "
                + "demonstrations: the accepted triplets are appended to another dataset as they come. Interrupted, "
                + "a rerun continues where the first stopped and duplicates nothing.")
final class AugmentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package (e.g. from 'lacy train')")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "train", description = "demonstrations to augment (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--limit", description = "only the first N demonstrations")
    Integer limit;

    @Option(names = "--out-dataset", defaultValue = "augmented", description = "dataset the new triplets go to (default ${DEFAULT-VALUE})")
    String outDataset;

    @Option(names = "--samples", defaultValue = "8", description = "N: actions per low-confidence example and descriptions per action (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tau", defaultValue = "0.9", description = "consistency threshold tau (default ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--vote", defaultValue = "0.5", description = "majority vote nu, the paper's 0.5 (default ${DEFAULT-VALUE})")
    double vote;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--device", defaultValue = "CPU", description = "CPU, CUDA or AUTO (default ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        var store = new FileDatasetStore(data);
        List<Demonstration> demos = store.read(dataset, Demonstration.class);
        if (limit != null) {
            demos = demos.subList(0, Math.min(limit, demos.size()));
        }
        var settings = new AugmentationSettings(samples, tau, vote, Decoding.sampled(1.0, 0.95, seed));
        long started = System.nanoTime();
        AugmentationRun.Summary summary;
        try (VisionLanguageModel vlm = OnnxVisionLanguageModel.open(model, device)) {
            var lacy = new Lacy(vlm, ModelEvaluations.format(model), ModelEvaluations.MAX_NEW_TOKENS);
            var run = new AugmentationRun(new ActiveAugmenter(lacy, settings), store, outDataset,
                    data.resolve(outDataset + ".augment-progress.json"));
            ProgressPrinter printer = ProgressPrinter.onStderr(spec.commandLine().getErr(), "augment");
            summary = run.run(demos, printer::progress);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Output.print(spec.commandLine().getOut(), json, Output.object().put("examples", summary.examples())
                        .put("resumedAt", summary.resumedAt()).put("sampled", summary.sampled()).put("added", summary.added())
                        .put("malformedCandidates", summary.malformedCandidates())
                        .put("malformedDescriptions", summary.malformedDescriptions()).put("seconds", seconds),
                String.format(Locale.ROOT, "augmented %d examples (from %d on): %d sampled, %d new triplets in '%s' "
                                + "(%d malformed actions, %d malformed descriptions) in %.0f s", summary.examples(),
                        summary.resumedAt(), summary.sampled(), summary.added(), outDataset, summary.malformedCandidates(),
                        summary.malformedDescriptions(), seconds));
        return 0;
    }
}
