package dev.lacy.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.SceneSampler;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    @TempDir
    Path dir;

    private final SpatialDescriber describer = new SpatialDescriber(SpatialThresholds.PAPER);
    private final ScriptedDemonstrator demonstrator = new ScriptedDemonstrator(SceneSampler.standard(),
            new TabletopRenderer(ObjectCatalogue.standard(), 32, Randomization.NONE), describer, new InstructionTemplates(),
            new ConsistencyPairs(describer, new ActionJudge(SpatialThresholds.PAPER), new InstructionTemplates()));

    private GenerationSummary generate(Path root, GenerationPlan plan) {
        return new DatasetGenerator(demonstrator, new FileDatasetStore(root)).generate(plan, ProgressListener.SILENT);
    }

    @Test
    void writesEveryDatasetWithBalancedConsistencyPairs() {
        GenerationSummary summary = generate(dir.resolve("a"), new GenerationPlan(70, 5, 3, 7));

        assertThat(summary.train()).isEqualTo(70);
        assertThat(summary.trainConsistency()).isEqualTo(1120);
        assertThat(summary.grounding()).isEqualTo(5);
        assertThat(summary.test()).isEqualTo(3);
        assertThat(summary.relativeShare()).isBetween(0.3, 0.7);
        assertThat(summary.objectsPerScene()).isBetween(3.0, 8.0);
        var store = new FileDatasetStore(dir.resolve("a"));
        assertThat(store.read("train-l2c", ConsistencySample.class)).extracting(ConsistencySample::consistent)
                .containsOnly(true, false).filteredOn(c -> c).hasSize(560);
        List<Demonstration> train = store.read("train", Demonstration.class);
        List<Demonstration> test = store.read("test", Demonstration.class);
        assertThat(test).allSatisfy(t -> assertThat(train).extracting(d -> d.observation().groundTruth())
                .doesNotContain(t.observation().groundTruth()));
    }

    @Test
    void aRunInStagesOrAfterACrashGivesTheSameFilesAsOneRun() throws IOException {
        var plan = new GenerationPlan(70, 5, 3, 7);
        generate(dir.resolve("whole"), plan);

        generate(dir.resolve("staged"), new GenerationPlan(64, 2, 0, 7));
        // a crash between the two appends of a batch: train holds a batch that train-l2c lacks
        new FileDatasetStore(dir.resolve("staged")).append("train",
                new FileDatasetStore(dir.resolve("whole")).read("train").subList(64, 70));
        GenerationSummary resumed = generate(dir.resolve("staged"), plan);

        assertThat(resumed.train()).isEqualTo(70);
        assertThat(files(dir.resolve("staged"))).isEqualTo(files(dir.resolve("whole")));
        for (String file : files(dir.resolve("whole"))) {
            assertThat(Files.readAllBytes(dir.resolve("staged").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("whole").resolve(file)));
        }
    }

    @Test
    void refusesToShrinkAnExistingDataset() {
        generate(dir.resolve("a"), new GenerationPlan(3, 0, 0, 7));

        assertThatThrownBy(() -> generate(dir.resolve("a"), new GenerationPlan(2, 0, 0, 7)))
                .hasMessageContaining("'train' already holds 3 samples");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList());
        }
    }
}
