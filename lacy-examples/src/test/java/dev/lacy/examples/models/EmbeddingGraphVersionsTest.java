package dev.lacy.examples.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import dev.lacy.onnx.writer.TinyLlavaGraphs;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped LACY-Joint was written before the embedding graph took {@code keep_last}: the runtime embeds each decoded
 * token with the whole text window there, and with the one new row where the graph takes it. Both give the same texts.
 */
class EmbeddingGraphVersionsTest {

    static final Path JOINT = Path.of("..", "models", "lacy-tiny-joint");

    @TempDir
    Path dir;

    @Test
    void aPackageWrittenBeforeKeepLastDecodesAsTheSamePackageWithTodaysEmbeddingGraph() throws IOException {
        Path today = dir.resolve("joint");
        Files.createDirectories(today);
        try (var files = Files.list(JOINT)) {
            for (Path file : files.toList()) {
                Files.copy(file, today.resolve(file.getFileName()));
            }
        }
        byte[] before = Files.readAllBytes(JOINT.resolve("embedding.onnx"));
        byte[] rewritten = TinyLlavaGraphs.embedding(TinyLlavaPackages.read(today));
        assertThat(rewritten).as("the shipped graph predates keep_last").isNotEqualTo(before);
        Files.write(today.resolve("embedding.onnx"), rewritten);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(today.resolve(ModelManifest.FILE).toFile());
        ((ObjectNode) manifest.get("sha256")).put("embedding.onnx", ModelPackage.sha256(today.resolve("embedding.onnx")));
        json.writerWithDefaultPrettyPrinter().writeValue(today.resolve(ModelManifest.FILE).toFile(), manifest);

        var format = LacyPromptFormat.withChainOfThought();
        RgbImage image = image();
        var requests = List.of(
                new GenerationRequest(LacyTask.L2A, image, format.l2aPrompt("Pick the lemon and place it in the top "
                        + "right of the table"), Decoding.greedy(), 1, 96, List.of()),
                new GenerationRequest(LacyTask.L2A, image, format.l2aPrompt("Pick the red wood block and place it in the center"),
                        Decoding.sampled(0.5, 0.8, 3), 4, 96, List.of()),
                new GenerationRequest(LacyTask.A2L, image, format.a2lPrompt(PickPlaceAction.of(0.3, 0.4, 0.7, 0.2)),
                        Decoding.sampled(0.5, 0.8, 4), 3, 96, List.of()));
        try (var shipped = OnnxVisionLanguageModel.open(JOINT, Device.CPU);
             var rewrittenModel = OnnxVisionLanguageModel.open(today, Device.CPU)) {
            List<List<String>> expected = shipped.generateAll(requests);
            assertThat(expected.get(0).get(0)).as("a whole completion").contains("\n");
            assertThat(rewrittenModel.generateAll(requests)).isEqualTo(expected);
        }
    }

    /** A table of the embedded simulator's, as the datasets render it. */
    private static RgbImage image() {
        var scene = new Scene(List.of(
                new SceneObject("lemon", new Point(0.3, 0.7), 0.04),
                new SceneObject("mustard bottle", new Point(0.211, 0.2), 0.06),
                new SceneObject("red wood block", new Point(0.75, 0.4), 0.05)));
        return new TabletopRenderer(ObjectCatalogue.standard(), 128, Randomization.NONE).render(scene, new SplittableRandom(0));
    }
}
