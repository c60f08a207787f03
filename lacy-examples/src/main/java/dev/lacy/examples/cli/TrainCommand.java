package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fine-tune a base model on L2A, A2L (from demonstrations) and L2C (from consistency pairs): "
                + "LoRA as LACY-Joint, LACY-Ind or LACY-non-CoT, or a full fine-tune; always from the base. "
                + "A rerun after a crash continues from the last checkpoint.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "MODEL", description = "base model package (from 'lacy pretrain')")
    Path base;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--demos", split = ",", defaultValue = "train", paramLabel = "DATASET",
            description = "datasets of demonstrations (default ${DEFAULT-VALUE}); 'augmented' adds what 'lacy augment' wrote")
    List<String> demos;

    @Option(names = "--consistency", defaultValue = "train-l2c", paramLabel = "DATASET",
            description = "dataset of L2C pairs (default ${DEFAULT-VALUE})")
    String consistency;

    @Option(names = "--limit", description = "use only the first N demonstrations of the first dataset")
    Integer limit;

    @Option(names = "--mode", defaultValue = "joint", description = "joint, independent, noncot or full (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model package directory to write")
    Path out;

    @Option(names = "--text-window", paramLabel = "N", description = "text tokens each embedding is computed from in "
            + "the adapters (default: the trainer's, 16; a base with a narrower window is widened for them; 0: the base's)")
    Integer textWindow;

    @Option(names = "--lora-rank", paramLabel = "R", description = "rank of the LoRA adapters (default: the trainer's, 32)")
    Integer loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha: the update is scaled by A / R "
            + "(default: twice the rank)")
    Float loraAlpha;

    @Mixin
    TrainingOptions training;

    @Mixin
    JsonOutput output;

    static TrainingMode mode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "joint" -> TrainingMode.JOINT;
            case "independent", "ind" -> TrainingMode.INDEPENDENT;
            case "noncot", "non-cot" -> TrainingMode.NON_COT;
            case "full" -> TrainingMode.FULL;
            default -> throw new IllegalArgumentException("--mode must be joint, independent, noncot or full, not '" + text + "'");
        };
    }

    @Override
    public Integer call() {
        TrainingMode trainingMode = mode(mode);
        if (textWindow != null && textWindow < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--text-window must be 0 or more, got " + textWindow);
        }
        if (loraRank != null && loraRank <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lora-rank must be positive, got " + loraRank);
        }
        if (loraAlpha != null && !(loraAlpha > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lora-alpha must be positive, got " + loraAlpha);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit " + limit + " must be at least 1 (demonstrations to train on)");
        }
        OutputPaths.requireApart("--out", out, java.util.Map.of("--base", base, "--data", data));
        OutputPaths.own(out);
        var store = Adapters.store(data);
        // each sample read when the trainer reaches it, its image kept only at the model's resolution (50 KB, not the
        // decoded 150 KB): 4,000 demonstrations and 8,000 pairs did not fit the default heap when read at once
        var parts = new ArrayList<List<Demonstration>>();
        for (int i = 0; i < demos.size(); i++) {
            List<Demonstration> read = store.view(demos.get(i), Demonstration.class);
            parts.add(i == 0 && limit != null ? read.subList(0, Math.min(limit, read.size())) : read);
        }
        List<Demonstration> demonstrations = Concatenation.of(parts);
        List<ConsistencySample> pairs = store.view(consistency, ConsistencySample.class);
        TrainerSettings settings = textWindow != null
                ? TrainerSettings.DEFAULTS.withAdapterTextWindow(textWindow) : TrainerSettings.DEFAULTS;
        if (loraRank != null || loraAlpha != null) {
            int rank = loraRank != null ? loraRank : settings.loraRank();
            settings = settings.withLora(rank, loraAlpha != null ? loraAlpha : 2f * rank);
        }
        settings = training.fineTuning(settings);
        long started = System.nanoTime();
        Adapters.trainer(settings).fineTune(new FineTuneJob(new ModelRef(base), demonstrations, pairs, trainingMode, out,
                training.seed, ProgressPrinter.onStderr(output.err(), "train")));
        double seconds = (System.nanoTime() - started) / 1e9;
        output.print(Output.object().put("model", out.toString())
                        .put("mode", trainingMode.name()).put("demonstrations", demonstrations.size())
                        .put("consistency", pairs.size()).put("seconds", seconds),
                String.format(Locale.ROOT, "trained %s (%s) on %d demonstrations and %d L2C pairs in %.0f s", out,
                        trainingMode.name().toLowerCase(Locale.ROOT), demonstrations.size(), pairs.size(), seconds));
        return 0;
    }
}
