package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.ActionFormat;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.generate.DatasetGenerator;
import dev.lacy.examples.generate.GenerationPlan;
import dev.lacy.examples.wiring.DomainModule;
import dev.lacy.examples.wiring.FileStoreModule;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationsTest {

    @TempDir
    Path dir;

    @Test
    void batchesEvaluatedByThreeWorkersGiveTheReportOneWorkerGives() {
        var injector = Guice.createInjector(new DomainModule(SpatialThresholds.PAPER),
                new TabletopModule(new TabletopSettings(64, 2, 3, Randomization.NONE)), new FileStoreModule(dir));
        var store = injector.getInstance(FileDatasetStore.class);
        new DatasetGenerator(injector.getInstance(ScriptedDemonstrator.class), store)
                .generate(new GenerationPlan(0, 0, 2 * Evaluator.BATCH + 5, 0, 0), (done, total) -> { });
        List<Demonstration> test = store.read("test", Demonstration.class);
        var scenes = new IdentityHashMap<RgbImage, Integer>();
        for (int i = 0; i < test.size(); i++) {
            scenes.put(test.get(i).observation().image(), i);
        }
        // stateless, so thread-safe: the demonstrated action or description in some scenes, a wrong one in others
        var loader = new FixedModelLoaderTestDouble(() -> new VisionLanguageModel() {
            @Override
            public List<String> generate(GenerationRequest request) {
                int i = scenes.get(request.image());
                Demonstration d = test.get(i);
                String answer = request.task() == LacyTask.L2A
                        ? new ActionFormat().write(i % 3 == 0 ? PickPlaceAction.of(0.01, 0.01, 0.99, 0.99) : d.action())
                        : i % 4 == 0 ? "Pick the banana and place it in the top left of the workspace" : d.instruction();
                return Collections.nCopies(request.samples(), answer);
            }

            @Override
            public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
                return new BinaryLogits(scenes.get(request.image()) % 5 == 0 ? -2 : 2, 0);
            }

            @Override
            public void close() {
            }
        }, LacyPromptFormat.withoutChainOfThought());

        EvaluationReport one = ModelEvaluations.evaluate(loader, dir.resolve("model"), test, 7, 1);
        EvaluationReport three = ModelEvaluations.evaluate(loader, dir.resolve("model"), test, 7, 3);

        assertThat(three).isEqualTo(one);
        assertThat(one.scenes()).isEqualTo(test.size());
        assertThat(one.pick()).as("every L2A action was executed on a tabletop")
                .hasValueSatisfying(pick -> assertThat(pick.total()).isEqualTo(test.size()));
        assertThat(one.l2aMisses()).as("the double's actions miss some scenes and not others").isNotEmpty()
                .hasSizeLessThan(test.size());
        assertThat(one.a2lMisses()).isNotEmpty().hasSizeLessThan(test.size());
    }
}
