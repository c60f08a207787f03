package dev.lacy.examples.cli;

import dev.lacy.core.port.DatasetStore;
import dev.lacy.examples.wiring.Adapters;
import com.google.inject.Guice;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.pipeline.Demo;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole LACY cycle on the embedded simulator: generate data, train LACY-Joint from the shipped base "
                + "model, evaluate, run one round of Algorithm 1, retrain (LACY-Joint-Filter), evaluate, and write a report "
                + "(report.md, report.json, PNG charts). A rerun reuses every stage already finished.")
final class DemoCommand implements Callable<Integer> {


    @Option(names = "--profile", defaultValue = "quick", description = "quick (about 15 minutes on 2 cores) or paper (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR", description = "where data, models and the report go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--base", defaultValue = "models/lacy-tiny-base", paramLabel = "MODEL",
            description = "the base model package; pretrained first when missing (default ${DEFAULT-VALUE})")
    Path base;

    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    WorkersOption workers;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        Demo.Profile chosen = switch (profile.toLowerCase(Locale.ROOT)) {
            case "quick" -> Demo.QUICK;
            case "paper" -> Demo.PAPER;
            default -> throw new IllegalArgumentException("--profile must be quick or paper, not '" + profile + "'");
        };
        OutputPaths.requireNotInside("--out", out, "--base", base);
        OutputPaths.own(out);
        PrintWriter err = output.err();
        long started = System.nanoTime();
        Path data = out.resolve("data");
        boolean needGrounding = !Files.exists(base.resolve("lacy-model.json"));
        var tabletop = new TabletopSettings(224, 3, 8, Randomization.NONE);
        dev.lacy.examples.generate.GenerationRecord.requireSame(data, tabletop, seed);
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(tabletop), new FileStoreModule(data));
        var store = injector.getInstance(DatasetStore.class);
        err.println("demo (" + chosen.name() + "): generating data in " + data);
        new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store).generate(
                new GenerationPlan(chosen.demonstrations(), needGrounding ? chosen.grounding() : 0, chosen.test(), chosen.pool(),
                        seed),
                ProgressPrinter.onStderr(err, "generate"));
        TrainerSettings settings = TrainerSettings.DEFAULTS
                .withPretraining(TrainerSettings.DEFAULTS.pretraining().withSteps(chosen.pretrainSteps()))
                .withFixedFineTuningSteps(chosen.fineTuneSteps());
        var demo = new Demo(Adapters.trainer(settings), workers.models(device), line -> {
            err.println(line);
            err.flush();
        }, ProgressPrinter.onStderr(err, "train"), ProgressPrinter.onStderr(err, "augment")::progress,
                workers.count());
        Demo.Result result = demo.run(chosen, store, data, out, base, seed);
        double minutes = (System.nanoTime() - started) / 60e9;
        var node = Output.object().put("profile", chosen.name()).put("report", result.report().toString())
                .put("minutes", minutes);
        node.putObject("joint").put("l2a", result.joint().l2a().percent()).put("a2l", result.joint().a2l().percent())
                .put("l2c", result.joint().l2c().percent());
        node.put("addedTriplets", result.augmentation().added())
                .put("filterPrecision", result.augmentation().audit().precision().percent());
        node.putObject("jointFilter").put("l2a", result.jointFilter().l2a().percent())
                .put("a2l", result.jointFilter().a2l().percent()).put("l2c", result.jointFilter().l2c().percent());
        output.print(node, String.format(Locale.ROOT,
                "LACY-Joint:        L2A %.1f %%, A2L %.1f %%, L2C %.1f %%%nLACY-Joint-Filter: L2A %.1f %%, A2L %.1f %%, L2C %.1f %%%n"
                        + "report: %s (%.1f minutes)", result.joint().l2a().percent(), result.joint().a2l().percent(),
                result.joint().l2c().percent(), result.jointFilter().l2a().percent(), result.jointFilter().a2l().percent(),
                result.jointFilter().l2c().percent(), result.report(), minutes));
        return 0;
    }
}
