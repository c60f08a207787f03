package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain the lacy-tiny base model on object grounding (every weight trained), from nothing or, with "
                + "--from, from a base pretrained before, and write it as a model package. A rerun after a crash continues "
                + "from the last checkpoint.")
final class PretrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "grounding", description = "dataset of grounding samples (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model package directory to write")
    Path out;

    @Option(names = "--from", paramLabel = "BASE", description = "continue from this base model package: its weights, "
            + "sizes and vocabulary, trained for --steps more steps (the learning rate warms up and decays again); every "
            + "object name of the data must be in its vocabulary")
    Path from;

    @Mixin
    TrainingOptions training;

    @Option(names = "--rope-base", paramLabel = "BASE", description = "rotary positions in the decoder with this base, "
            + "e.g. 10000 (default: none, learned positions only; see docs/experiments/2026-11-trainer-design.md)")
    double ropeBase;

    @Option(names = "--text-window", paramLabel = "N", defaultValue = "-1", description = "compute each text embedding "
            + "from the token and the N - 1 tokens before it (0 or 1: the token alone; default: the trainer's, "
            + "see docs/experiments/2026-11-trainer-design.md)")
    int textWindow;

    @Option(names = "--text-mix-rank", paramLabel = "R", defaultValue = "-1", description = "pretrain the text window's "
            + "map of each earlier token through a shared projection to R dimensions (0: one full matrix; default: the "
            + "trainer's, see docs/experiments/2026-11-trainer-design.md); the exported model is the same either way")
    int textMixRank;

    @Option(names = "--image-size", paramLabel = "PIXELS", defaultValue = "0", description = "the model's input "
            + "image side (default: the trainer's, 128; the camera's images are 224): with --patch-size, which it must "
            + "be a multiple of")
    int imageSize;

    @Option(names = "--patch-size", paramLabel = "PIXELS", defaultValue = "0", description = "the vision encoder's "
            + "patch side (default: the trainer's, 16); one image token per patch")
    int patchSize;

    @Option(names = "--pick-phrases", negatable = true, defaultValue = "true", fallbackValue = "true", description =
            "teach the base (and so its fine-tunes) the instruction's own pick phrase in its reasoning (the instruction "
            + "captions answer with the line L2A is taught: 'Grab the lemon', the place point L2A gives) and A2L's line "
            + "naming the object at the pick point (docs/formats.md); on unless --no-pick-phrases (the shipped base "
            + "has them); a base continued with --from that was taught them keeps them")
    boolean pickPhrases;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        var inputs = new java.util.HashMap<String, Path>();
        inputs.put("--data", data);
        inputs.put("--from", from);
        OutputPaths.requireApart("--out", out, inputs);
        if (from != null && (ropeBase != 0 || textWindow >= 0 || imageSize != 0 || patchSize != 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rope-base, --text-window, --image-size and "
                    + "--patch-size change the architecture; with --from the base's is kept");
        }
        if ((imageSize == 0) != (patchSize == 0) || imageSize < 0 || patchSize < 0
                || (patchSize > 0 && imageSize % patchSize != 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--image-size and --patch-size go together, "
                    + "both positive, the image a multiple of the patch; got " + imageSize + " and " + patchSize);
        }
        OutputPaths.own(out);
        // each image read when the trainer reaches it, and kept only at the model's resolution (50 KB, not 150 KB)
        var samples = Adapters.store(data).view(dataset, GroundingSample.class);
        if (ropeBase < 0 || Double.isNaN(ropeBase)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rope-base must be 0 (none) or positive, got " + ropeBase);
        }
        if (textWindow < -1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--text-window must be 0 or more, got " + textWindow);
        }
        if (textMixRank < -1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--text-mix-rank must be 0 or more, got " + textMixRank);
        }
        TrainerSettings defaults = TrainerSettings.DEFAULTS.withRopeBase(ropeBase);
        if (textWindow >= 0) {
            defaults = defaults.withTextWindow(textWindow);
        }
        if (textMixRank >= 0) {
            defaults = defaults.withTextMixRank(textMixRank);
        }
        if (imageSize > 0) {
            defaults = defaults.withImage(imageSize, patchSize);
        }
        TrainerSettings settings = training.pretraining(defaults);
        long started = System.nanoTime();
        var plain = new PretrainJob(samples, out, training.seed, ProgressPrinter.onStderr(output.err(), "train"));
        var job = pickPhrases ? plain : plain.withoutPickPhrases();
        Adapters.trainer(settings).pretrain(from == null ? job : job.continuing(new dev.lacy.core.port.ModelRef(from)));
        double seconds = (System.nanoTime() - started) / 1e9;
        output.print(Output.object().put("model", out.toString()).put("from", from == null ? null : from.toString())
                .put("samples", samples.size()).put("steps", settings.pretraining().steps()).put("seconds", seconds),
                String.format(Locale.ROOT, "pretrained %s on %d grounding samples (%d steps) in %.0f s",
                        out, samples.size(), settings.pretraining().steps(), seconds));
        return 0;
    }
}
