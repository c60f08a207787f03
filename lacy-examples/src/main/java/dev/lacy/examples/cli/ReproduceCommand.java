package dev.lacy.examples.cli;

import dev.lacy.core.port.DatasetStore;
import dev.lacy.examples.wiring.Adapters;
import com.google.inject.Guice;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.pipeline.Reproduction;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.FileStoreModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.trainer.TrainerSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "The analogues of the paper's Tables I-III and Figure 7 on the embedded simulator, with the paper's "
                + "figures beside ours (reproduce.md, reproduce.json). --profile paper uses the paper's sizes and takes hours.")
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "paper", description = "paper or quick (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--out", defaultValue = "reproduce", paramLabel = "DIR", description = "where data, models and the report go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--base", defaultValue = "models/lacy-tiny-base", paramLabel = "MODEL",
            description = "base model package; pretrained first (on 8,000 grounding images with the paper profile) when missing")
    Path base;

    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    WorkersOption workers;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        Reproduction.Sizes sizes = switch (profile.toLowerCase(Locale.ROOT)) {
            case "paper" -> Reproduction.PAPER;
            case "quick" -> Reproduction.QUICK;
            default -> throw new IllegalArgumentException("--profile must be paper or quick, not '" + profile + "'");
        };
        OutputPaths.requireNotInside("--out", out, "--base", base);
        OutputPaths.own(out);
        PrintWriter err = spec.commandLine().getErr();
        Path data = out.resolve("data");
        boolean pretrain = !Files.exists(base.resolve("lacy-model.json"));
        var tabletop = new TabletopSettings(224, 3, 8, Randomization.NONE);
        dev.lacy.examples.generate.GenerationRecord.requireSame(data, tabletop, seed);
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(tabletop), new FileStoreModule(data));
        var store = injector.getInstance(DatasetStore.class);
        int grounding = pretrain ? (sizes == Reproduction.PAPER ? 8000 : 2000) : 0;
        new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store).generate(
                new GenerationPlan(sizes.large(), grounding, 100, sizes.pool(), seed), ProgressPrinter.onStderr(err, "generate"));
        var trainer = Adapters.trainer(TrainerSettings.DEFAULTS);
        var listener = ProgressPrinter.onStderr(err, "train");
        ModelRef baseModel = new ModelRef(base);
        if (pretrain) {
            Path pretrained = out.resolve("models").resolve("base");
            if (!Files.exists(pretrained.resolve("lacy-model.json"))) {
                trainer.pretrain(new PretrainJob(store.read("grounding", GroundingSample.class), pretrained, seed, listener));
            }
            baseModel = new ModelRef(pretrained);
        }
        long started = System.nanoTime();
        Path report = new Reproduction(trainer, workers.models(device), Adapters.stores(), line -> {
            err.println(line);
            err.flush();
        }, listener, workers.count()).run(sizes, store, baseModel, out, seed);
        spec.commandLine().getOut().printf(Locale.ROOT, "report: %s (%.1f hours)%n", report, (System.nanoTime() - started) / 3.6e12);
        return 0;
    }
}
