package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
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
import dev.lacy.trainer.StageSettings;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo on a tiny model and a handful of scenes: every stage runs, the report and charts are written, a rerun reuses. */
class DemoTest {

    /** A model and schedules small enough for a pipeline test of seconds (also {@link ReproductionTest}'s). */
    static final TrainerSettings TINY = TrainerSettings.DEFAULTS.withSizes(32, 8, 32, 4, 1, 1, 64, 320)
            .withPretraining(new StageSettings(4, 4, 3e-3, 0.1, 0.01, 1.0, 1.0, 100))
            .withFineTuning(new StageSettings(3, 4, 3e-3, 0.1, 0.0, 1.0, 0.0, 100));

    @TempDir
    Path dir;

    @Test
    void theDemoRunsEveryStageAndWritesItsReport() throws Exception {
        Path data = dir.resolve("data");
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(new TabletopSettings(64, 2, 3, Randomization.NONE)), new FileStoreModule(data));
        var store = injector.getInstance(FileDatasetStore.class);
        new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store)
                .generate(new GenerationPlan(6, 6, 2, 3, 3), (done, total) -> { });
        var settings = TINY;
        var profile = new Demo.Profile("test", 6, 6, 2, 3, 0, 3, 4);
        var log = new ArrayList<String>();
        var demo = new Demo(new DjlTrainer(settings), new OnnxModelLoader(Device.CPU), log::add, TrainingListener.SILENT, (d, t) -> { });
        Demo.Result result = demo.run(profile, store, data, dir.resolve("out"), null, 3);

        assertThat(log).anyMatch(line -> line.contains("pretraining one first"));
        // the base it pretrains is taught what the shipped one was, so its fine-tunes are read and taught alike
        assertThat(Files.readString(dir.resolve("out/models/base/lacy-model.json"))).contains("\"pickPhrases\" : true");
        assertThat(Files.readString(dir.resolve("out/models/joint/lacy-model.json"))).contains("\"pickPhrases\" : true");
        assertThat(result.joint().scenes()).isEqualTo(2);
        // L2A is executed on the embedded arm (docs/method.md, "Evaluation"): the report carries the executions' counts
        assertThat(result.joint().pick()).hasValueSatisfying(pick -> assertThat(pick.total()).isEqualTo(2));
        assertThat(result.joint().pickAndPlace()).isPresent();
        assertThat(result.augmentation().examples()).as("Algorithm 1 ran over the pool").isEqualTo(3);
        String report = Files.readString(result.report());
        assertThat(report).contains("| LACY-Joint |").contains("| LACY-Joint-Filter |").contains("| 83 | 80 | 92 |")
                .contains("examples seen").contains("filter precision").contains("95 % CI").contains("- L2A: ");
        for (String chart : new String[] {"success.png", "l2c-confidence.png", "generated.png", "report.json"}) {
            assertThat(dir.resolve("out").resolve(chart)).isNotEmptyFile();
        }
        var again = new ArrayList<String>();
        new Demo(new DjlTrainer(settings), new OnnxModelLoader(Device.CPU), again::add, TrainingListener.SILENT, (d, t) -> { })
                .run(profile, store, data, dir.resolve("out"), null, 3);
        assertThat(again).noneMatch(line -> line.startsWith("training") || line.contains("pretraining"));
    }
}
