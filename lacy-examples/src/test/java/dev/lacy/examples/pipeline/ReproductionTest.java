package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.FileStoreModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxModelLoader;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.trainer.DjlTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lacy reproduce} on a tiny model and a handful of scenes: every row of Tables I to III and Figure 7, a rerun reuses, the self-improvement loop's models too. */
class ReproductionTest {

    @TempDir
    Path dir;

    @Test
    void everyTableRowAndEveryIterationOfFigureSevenIsReportedAndARerunTrainsNothingAgain() throws Exception {
        Path data = dir.resolve("data");
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(new TabletopSettings(64, 2, 3, Randomization.NONE)), new FileStoreModule(data));
        var store = injector.getInstance(FileDatasetStore.class);
        new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store)
                .generate(new GenerationPlan(8, 6, 2, 3, 3), (done, total) -> { });
        var settings = DemoTest.TINY;
        var trainer = new DjlTrainer(settings);
        ModelRef base = trainer.pretrain(new PretrainJob(store.read("grounding", GroundingSample.class), dir.resolve("base"), 3,
                TrainingListener.SILENT));
        var sizes = new Reproduction.Sizes("test", 8, 4, 2, 1, 3, 0);
        Path out = dir.resolve("out");
        var log = new ArrayList<String>();

        Path report = new Reproduction(trainer, new OnnxModelLoader(Device.CPU), FileDatasetStore::new, log::add, TrainingListener.SILENT).run(sizes, store, base, out, 3);

        String md = Files.readString(report);
        for (String row : List.of("lacy-tiny base, no LoRA", "true objects given", "(LACY 4k)", "| LACY-Ind |", "| LACY-Joint |",
                "| LACY-Joint-Filter |", "| LACY-non-CoT |", "| LACY-CoT |", "| 93 / 85 / 95 |")) {
            assertThat(md).as("the report's row %s", row).contains(row);
        }
        // every rate with its trials and interval, and the filter measured against the pool's scenes
        assertThat(md).contains("/2, 95 % CI").contains("LACY-Joint-Filter's triplets: filter precision");
        JsonNode json = new ObjectMapper().readTree(out.resolve("reproduce.json").toFile());
        assertThat(json.path("tables").get(4).path("l2aScore").path("of").asInt()).isEqualTo(2);
        assertThat(json.path("tables").get(5).path("filter").path("judgedExamples").asInt()).isPositive();
        assertThat(json.path("tables")).hasSize(8);
        // LACY-Joint at k (n + 1) true demonstrations for n = 0, 1, and the loop's iterations 0 and 1
        assertThat(json.path("figure7")).hasSize(4);
        assertThat(json.path("figure7").get(3).path("model").asText()).isEqualTo("LACY-Joint-Filter");
        assertThat(log).anyMatch(line -> line.startsWith("Algorithm 1: 3 of 3 examples"));
        assertThat(out.resolve(Reproduction.AUGMENTED + ".augment-progress.json")).isNotEmptyFile();

        // the self-improvement loop keeps its iterations' models and Algorithm 1's triplets
        Path loop = out.resolve("models").resolve("fig7-filter");
        assertThat(loop.resolve("accepted").resolve("iteration-1.augment-progress.json")).isNotEmptyFile();
        var loopModel = loop.resolve("iteration-1").resolve("lacy-model.json");
        var written = Files.getLastModifiedTime(loopModel);

        var again = new ArrayList<String>();
        new Reproduction(trainer, new OnnxModelLoader(Device.CPU), FileDatasetStore::new, again::add, TrainingListener.SILENT).run(sizes, store, base, out, 3);
        // every model is reused and Algorithm 1 resumes after its last example (its summary line comes again when it added nothing)
        assertThat(again).noneMatch(line -> line.startsWith("training") || line.startsWith("Algorithm 1: "));
        assertThat(Files.getLastModifiedTime(loopModel)).as("the loop's last model, not trained again").isEqualTo(written);
    }
}
