package dev.lacy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.sim.tabletop.EmbeddedTabletop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example runs end to end with the application's own robot module (here the
 * embedded tabletop) and a model package (here untrained lacy-tiny weights, so the answers are not
 * meant to be right: the test shows the wiring, not the model's skill).
 */
class PickAndPlaceAssistantTest {

    private static final Scene TABLE = new Scene(List.of(
            new SceneObject("lemon", new Point(0.3, 0.3), 0.05),
            new SceneObject("mustard bottle", new Point(0.7, 0.7), 0.07)));

    @TempDir
    Path dir;

    @Test
    void anApplicationWiresItsOwnRobotAndAModelAndAsksAllThreeTasks() {
        var config = new TinyLlavaConfig(16, 8, 32, 4, 1, 64, CharacterTokenizer.vocabularySize(), 512);
        Path model = TinyLlavaPackages.write(dir.resolve("model"), "untrained", TinyLlavaWeights.random(config, 2),
                new ModelPackageWriter(), true);
        EmbeddedTabletop table = EmbeddedTabletop.standard(32);
        table.stage(TABLE);

        try (var assistant = new PickAndPlaceAssistant(new PickAndPlaceAssistant.MyRobotModule(table, table), model)) {
            var outcome = assistant.perform("Pick the lemon and place it in the bottom left of the workspace");
            var explanation = assistant.explain(aLemonMove());
            var check = assistant.agree("Pick the lemon and place it in the center", "Grab the lemon and put it in the center");

            // untrained weights do not write a valid action, so nothing is executed on the table
            assertThat(outcome).isEmpty();
            assertThat(table.scene()).isEqualTo(TABLE);
            assertThat(explanation.raw()).isNotNull();
            assertThat(check.confidence()).isBetween(0.0, 1.0);
        }
    }

    /**
     * The same application, its model served by {@code lacy serve} (here over a model that knows the table): one Guice
     * module changes, and the served model answers.
     */
    @Test
    void aServedModelIsOneGuiceModuleAway() {
        EmbeddedTabletop table = EmbeddedTabletop.standard(32);
        table.stage(TABLE);
        try (var server = dev.lacy.server.LacyServer.start(new dev.lacy.core.testing.OracleModelTestDouble(TABLE),
                dev.lacy.core.format.LacyPromptFormat.withoutChainOfThought(), "oracle", List.of(),
                dev.lacy.server.ServerSettings.defaults());
             var assistant = new PickAndPlaceAssistant(new PickAndPlaceAssistant.MyRobotModule(table, table),
                     new dev.lacy.examples.wiring.RemoteModelModule(java.net.URI.create("http://127.0.0.1:" + server.port()),
                             java.util.Optional.empty()), dir.resolve("whatever the server serves"))) {
            var explanation = assistant.explain(aLemonMove());
            var check = assistant.agree("Pick the lemon and place it in the center of the table",
                    "Pick the lemon and place it in the center of the table");

            // the served model's answers: it knows the table (an answer without a grounding is never executed)
            assertThat(explanation.parsed()).hasValueSatisfying(text -> assertThat(text).contains("lemon"));
            assertThat(check.confidence()).isGreaterThan(0.5);
            assertThat(assistant.perform("Pick the lemon and place it in the bottom left of the workspace")).isEmpty();
            assertThat(table.scene()).isEqualTo(TABLE);
            assertThat(server.metrics().count("generate", 200)).isEqualTo(2);
            assertThat(server.metrics().count("score", 200)).isEqualTo(1);
        }
    }

    private static PickPlaceAction aLemonMove() {
        return PickPlaceAction.of(0.3, 0.3, 0.3, 0.75);
    }
}
