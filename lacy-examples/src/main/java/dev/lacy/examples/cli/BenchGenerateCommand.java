package dev.lacy.examples.cli;

import com.google.inject.Guice;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.generate.ProgressListener;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.sim.tabletop.SceneSampler;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench generate}: scenes rendered per second on one thread and on all cores (after a
 * full warm-up, best of three alternating rounds), and whole demonstrations generated and stored
 * (PNG + JSONL, fsync) per second, in one run.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Scenes rendered per second (1 thread and all cores) and demonstrations generated and stored per second.")
final class BenchGenerateCommand implements Callable<Integer> {


    @Option(names = "--scenes", defaultValue = "3000", description = "scenes per rendering measurement (default ${DEFAULT-VALUE})")
    int scenes;

    @Option(names = "--stored", defaultValue = "400", description = "demonstrations generated and stored (default ${DEFAULT-VALUE})")
    int stored;

    @Option(names = "--image-size", defaultValue = "224", description = "image side in pixels (default ${DEFAULT-VALUE})")
    int imageSize;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException {
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(new TabletopSettings(imageSize, 3, 8, dev.lacy.sim.tabletop.Randomization.NONE)));
        SceneSampler sampler = injector.getInstance(SceneSampler.class);
        TabletopRenderer renderer = injector.getInstance(TabletopRenderer.class);
        List<Scene> sampled = IntStream.range(0, scenes).mapToObj(i -> sampler.sample(new SplittableRandom(i))).toList();

        // warm up both paths fully, then alternate and keep each one's best of three
        render(renderer, sampled, false);
        render(renderer, sampled, true);
        double sequential = 0;
        double parallel = 0;
        for (int round = 0; round < 3; round++) {
            sequential = Math.max(sequential, render(renderer, sampled, false));
            parallel = Math.max(parallel, render(renderer, sampled, true));
        }

        Path temporary = Files.createTempDirectory("lacy-bench-generate");
        double storedPerSecond;
        try {
            var generator = new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), new FileDatasetStore(temporary));
            long started = System.nanoTime();
            generator.generate(new GenerationPlan(0, 0, stored, 1), ProgressListener.SILENT);
            storedPerSecond = stored / ((System.nanoTime() - started) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(temporary)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        var result = Output.object().put("benchmark", "generate").put("imageSize", imageSize).put("scenes", scenes)
                .put("cores", cores)
                .put("renderedPerSecondOneThread", round(sequential))
                .put("renderedPerSecondAllCores", round(parallel))
                .put("parallelSpeedup", round(parallel / sequential))
                .put("stored", stored)
                .put("demonstrationsGeneratedAndStoredPerSecond", round(storedPerSecond));
        output.print(result, String.format(Locale.ROOT,
                "%d scenes at %dx%d: rendered %.0f/s on 1 thread, %.0f/s on %d cores (x%.2f); "
                        + "%d demonstrations generated and stored at %.0f/s",
                scenes, imageSize, imageSize, sequential, parallel, cores, parallel / sequential, stored, storedPerSecond));
        return 0;
    }

    private static double render(TabletopRenderer renderer, List<Scene> scenes, boolean parallel) {
        long started = System.nanoTime();
        Stream<Scene> stream = parallel ? scenes.parallelStream() : scenes.stream();
        long pixels = stream.mapToLong(s -> renderer.render(s, new SplittableRandom(0)).width()).sum();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (pixels == 0) {
            throw new IllegalStateException("nothing was rendered");
        }
        return scenes.size() / seconds;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
