package dev.lacy.examples.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.trainer.TrainerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The base model committed under models/: it loads, matches its manifest, fits the architecture and the 10 MB budget. */
class ShippedBaseModelTest {

    static final Path BASE = Path.of("..", "models", "lacy-tiny-base");

    @Test
    void theShippedBaseModelLoadsAndMatchesItsManifest() throws IOException {
        // taught the pick phrases, as `lacy pretrain`, the demo and reproduce teach every base they pretrain
        assertThat(ModelPackage.open(BASE).manifest().pickPhrases()).isTrue();
        checkBase(BASE);
    }

    private static void checkBase(Path base) throws IOException {
        assertThat(base.resolve("lacy-model.json")).exists();
        ModelPackage pack = ModelPackage.open(base);
        assertThat(pack.manifest().chainOfThought()).isTrue();
        assertThat(pack.manifest().adapters()).isEmpty();
        TinyLlavaConfig config = TinyLlavaPackages.read(base).config();
        TrainerSettings d = TrainerSettings.DEFAULTS;
        assertThat(new int[] {config.imageSize(), config.patchSize(), config.hidden(), config.heads(), config.layers(),
            config.visionLayers(), config.mlp(), config.maxPositions()})
                .as("the shipped base has the trainer's default sizes (regenerate it when the architecture changes)")
                .containsExactly(d.imageSize(), d.patchSize(), d.hidden(), d.heads(), d.layers(), d.visionLayers(), d.mlp(),
                        d.maxPositions());
        assertThat(config.ropeBase()).as("the shipped base has the trainer's rotary positions").isEqualTo(d.ropeBase());
        assertThat(config.textWindow()).as("the shipped base has the trainer's text window").isEqualTo(d.textWindow());
        assertThat(pack.manifest().embeddingWindow()).as("the runtime passes the text window").isEqualTo(Math.max(1, d.textWindow()));
        try (Stream<Path> files = Files.list(base)) {
            long bytes = files.mapToLong(p -> p.toFile().length()).sum();
            assertThat(bytes).as("size of " + base).isLessThanOrEqualTo(10L * 1024 * 1024);
        }
        assertThat(Files.readString(base.resolve("PRETRAIN.md"))).contains("./lacy pretrain").contains("--seed");
    }
}
