package dev.lacy.examples.cli;

import dev.lacy.core.port.DatasetStore;
import com.google.inject.Guice;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.generate.GenerationSummary;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.FileStoreModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lacy generate}: the paper's datasets on the embedded tabletop. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate train (demonstrations), train-l2c (consistency pairs), grounding and test datasets",
            "on the embedded tabletop. Deterministic for a seed; an interrupted run continues where it stopped."})
final class GenerateCommand implements Callable<Integer> {


    @Option(names = "--demos", defaultValue = "1000", description = "training demonstrations (default ${DEFAULT-VALUE})")
    int demos;

    @Option(names = "--grounding", defaultValue = "2000", description = "grounding images for pretraining (default ${DEFAULT-VALUE})")
    int grounding;

    @Option(names = "--test", defaultValue = "100", description = "test scenes (default ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--pool", defaultValue = "0", description = "an instruction pool for Algorithm 1: scenes and "
            + "instructions without actions (default ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory of the datasets")
    Path out;

    @Option(names = "--image-size", defaultValue = "224", description = "image side in pixels (default ${DEFAULT-VALUE})")
    int imageSize;

    @Option(names = "--randomize", description = "domain randomisation: lighting, colour jitter, pose noise, distractors")
    boolean randomize;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        var settings = new TabletopSettings(imageSize, 3, 8, randomize ? Randomization.MODERATE : Randomization.NONE);
        if (imageSize < 16 || imageSize > 4096) {
            throw new IllegalArgumentException("--image-size " + imageSize + " must be between 16 and 4096 pixels");
        }
        if (demos < 0 || grounding < 0 || test < 0 || pool < 0) {
            throw new IllegalArgumentException("--demos, --grounding, --test and --pool must be 0 or more (got " + demos + ", "
                    + grounding + ", " + test + ", " + pool + ")");
        }
        if (demos == 0 && grounding == 0 && test == 0 && pool == 0) {
            throw new IllegalArgumentException("nothing to generate: --demos, --grounding, --test and --pool are all 0");
        }
        dev.lacy.examples.generate.GenerationRecord.requireSame(out, settings, seed);
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER), new TabletopModule(settings),
                new FileStoreModule(out));
        var store = injector.getInstance(DatasetStore.class);
        var generator = new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store);
        var plan = new GenerationPlan(demos, grounding, test, pool, seed);
        GenerationSummary summary = generator.generate(plan, output.json ? (d, t) -> { }
                : ProgressPrinter.onStderr(output.err(), "generate"));

        var result = Output.object().put("out", out.toString()).put("seed", seed)
                .put("train", summary.train()).put("trainL2c", summary.trainConsistency())
                .put("grounding", summary.grounding()).put("test", summary.test())
                .put("pool", store.size(GenerationPlan.POOL))
                .put("relativeShare", round(summary.relativeShare())).put("objectsPerScene", round(summary.objectsPerScene()))
                .put("generated", summary.generatedNow()).put("seconds", round(summary.seconds()));
        String descriptions = summary.train() == 0 ? "no demonstrations"
                : String.format(Locale.ROOT, "descriptions: %.1f %% relative, %.1f %% absolute; %.2f objects per scene",
                        100 * summary.relativeShare(), 100 * (1 - summary.relativeShare()), summary.objectsPerScene());
        String text = String.format(Locale.ROOT, "%s: train %d, train-l2c %d, grounding %d, test %d, pool %d%n%s%n"
                        + "generated %d samples in %.1f s",
                out, summary.train(), summary.trainConsistency(), summary.grounding(), summary.test(),
                store.size(GenerationPlan.POOL), descriptions,
                summary.generatedNow(), summary.seconds());
        output.print(result, text);
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
