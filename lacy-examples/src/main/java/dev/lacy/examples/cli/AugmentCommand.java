package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.examples.pipeline.AugmentationRun;
import dev.lacy.examples.pipeline.Augmentations;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Algorithm 1 (confidence-based active augmentation with majority voting) over an instruction pool "
                + "or a dataset of demonstrations: the accepted triplets are appended to another dataset as they come. Interrupted, "
                + "a rerun continues where the first stopped and duplicates nothing.")
final class AugmentCommand implements Callable<Integer> {


    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package (e.g. from 'lacy train')")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "train", description = "what to augment: an instruction pool "
            + "('lacy generate --pool'), or demonstrations, whose actions are not read (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--limit", description = "only the first N examples")
    Integer limit;

    @Option(names = "--budget", defaultValue = "0", description = "stop once the output holds this many triplets; 0 for no limit (default ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--out-dataset", defaultValue = "augmented", description = "dataset the new triplets go to (default ${DEFAULT-VALUE})")
    String outDataset;

    @Option(names = "--samples", defaultValue = "8", description = "N: actions per low-confidence example and descriptions per action (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tau", defaultValue = "0.9", description = "consistency threshold tau (default ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--vote", defaultValue = "0.5", description = "majority vote nu, the paper's 0.5 (default ${DEFAULT-VALUE})")
    double vote;

    @Option(names = "--temperature", description = "sampling temperature (default: ours, " + AugmentationSettings.TEMPERATURE + "; the paper-literal 1.0)")
    Double temperature;

    @Option(names = "--top-p", description = "nucleus sampling top-p (default: ours, " + AugmentationSettings.TOP_P + "; the paper-literal 0.95)")
    Double topP;

    @Option(names = "--per-example", description = "accepted actions kept per example, the most voted; 0 keeps all (default: ours, 1)")
    Integer perExample;

    @Option(names = "--paper-literal", description = "the paper's loop body as written: every sample decoded whole "
            + "(no shared grounding), every passing action kept")
    boolean paperLiteral;

    @Option(names = "--no-grounding-check", description = "verify every candidate with A2L and L2C only, also those that "
            + "contradict the model's own grounding sentence")
    boolean noGroundingCheck;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ClearPlacesOption places;

    @Mixin
    WorkersOption workers;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit " + limit + " must be >= 0");
        }
        if (outDataset.equals(dataset)) {
            throw new IllegalArgumentException("--out-dataset " + outDataset + " is the dataset augmented (--dataset): "
                    + "the triplets would be appended to their own input; name another");
        }
        OutputPaths.requireApart("--data " + data + " --out-dataset", data.resolve(outDataset), java.util.Map.of("--model", model));
        var store = Adapters.store(data);
        List<InstructionSample> examples = Augmentations.examples(store, dataset);
        if (limit != null) {
            examples = examples.subList(0, Math.min(limit, examples.size()));
        }
        var settings = AugmentationSettings.of(paperLiteral, samples, tau, vote,
                temperature == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(temperature),
                topP == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(topP),
                perExample == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(perExample), noGroundingCheck, seed);
        long started = System.nanoTime();
        ProgressPrinter printer = ProgressPrinter.onStderr(output.err(), "augment");
        AugmentationRun.Summary summary = AugmentationRun.withModel(workers.models(device), model, settings, store, outDataset,
                data.resolve(outDataset + ".augment-progress.json"), "data " + data.toAbsolutePath().normalize() + ":" + dataset
                        + (limit == null ? "" : " limit " + limit), budget, workers.count(),
                places.clearPlace(), examples,
                printer::progress);
        double seconds = (System.nanoTime() - started) / 1e9;
        var node = Output.object().put("examples", summary.examples()).put("resumedAt", summary.resumedAt())
                .put("sampled", summary.sampled()).put("added", summary.added()).put("candidates", summary.candidates())
                .put("malformedCandidates", summary.malformedCandidates())
                .put("malformedDescriptions", summary.malformedDescriptions()).put("seconds", seconds);
        Augmentations.audit(node.putObject("filter"), summary.audit());
        output.print(node,
                String.format(Locale.ROOT, "augmented %d examples (from %d on): %d sampled, %d new triplets in '%s' "
                                + "(%d of %d candidate actions malformed, %d malformed descriptions) in %.0f s%n%s",
                        summary.examples(), summary.resumedAt(), summary.sampled(), summary.added(), outDataset,
                        summary.malformedCandidates(), summary.candidates(), summary.malformedDescriptions(), seconds,
                        Augmentations.auditText(summary.audit())));
        return 0;
    }
}
