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
 * A LACY-Joint written before the embedding graph took {@code keep_last} and the decoder a prefix cache (the one shipped
 * under models/lacy-tiny-joint until 2026-12-07, kept as a test fixture): the runtime embeds each decoded token with the
 * whole text window there and copies the whole cache at each step, and with the one new row and the completion's own
 * cache where the graphs take them. Both give the same texts.
 */
class GraphVersionsTest {

    static final Path JOINT = Path.of("src", "test", "resources", "packages", "joint-before-keep-last");

    @TempDir
    Path dir;

    @Test
    void aPackageWrittenBeforeKeepLastAndThePrefixCacheDecodesAsTheSameWeightsInTodaysGraphs() throws IOException {
        Path today = dir.resolve("joint");
        Files.createDirectories(today);
        try (var files = Files.list(JOINT)) {
            for (Path file : files.toList()) {
                Files.copy(file, today.resolve(file.getFileName()));
            }
        }
        var weights = TinyLlavaPackages.read(today);
        byte[] embedding = TinyLlavaGraphs.embedding(weights);
        assertThat(embedding).as("the fixture's graph predates keep_last")
                .isNotEqualTo(Files.readAllBytes(JOINT.resolve("embedding.onnx")));
        Files.write(today.resolve("embedding.onnx"), embedding);
        Files.write(today.resolve("decoder.onnx"), TinyLlavaGraphs.decoder(weights));
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(today.resolve(ModelManifest.FILE).toFile());
        for (String graph : java.util.List.of("embedding.onnx", "decoder.onnx")) {
            ((ObjectNode) manifest.get("sha256")).put(graph, ModelPackage.sha256(today.resolve(graph)));
        }
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
