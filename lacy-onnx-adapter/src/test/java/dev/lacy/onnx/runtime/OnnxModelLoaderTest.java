package dev.lacy.onnx.runtime;

import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.contract.AbstractModelLoaderContractTest;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ONNX Runtime model loader against the model loader's contract, on tiny random-weight packages. */
class OnnxModelLoaderTest extends AbstractModelLoaderContractTest {

    @Override
    protected ModelLoader loader() {
        return new OnnxModelLoader(Device.CPU);
    }

    @Override
    protected void writeModel(Path directory, boolean chainOfThought) {
        TinyLlavaPackages.write(directory, "tiny-test", TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5),
                new ModelPackageWriter(), chainOfThought);
    }

    @Override
    protected void damage(Path directory) {
        try (var files = Files.list(directory)) {
            Path graph = files.filter(f -> f.getFileName().toString().endsWith(".onnx")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(graph);
            Files.write(graph, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected RgbImage image() {
        return RgbImage.filled(TinyModelPackage.CONFIG.imageSize(), TinyModelPackage.CONFIG.imageSize(), 0x808080);
    }

    @org.junit.jupiter.api.Test
    void aPackageThatGroundsFirstSaysSoInItsPromptFormatAndOnlyWithChainOfThought(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path first = dir.resolve("first");
        TinyLlavaPackages.write(first, "tiny-test", TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5),
                new ModelPackageWriter().groundFirst(true), true);
        Path own = dir.resolve("own");
        writeModel(own, true);

        org.assertj.core.api.Assertions.assertThat(loader().promptFormat(new dev.lacy.core.port.ModelRef(first)).groundsFirst()).isTrue();
        org.assertj.core.api.Assertions.assertThat(loader().promptFormat(new dev.lacy.core.port.ModelRef(own)).groundsFirst()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TinyLlavaPackages.write(dir.resolve("no-cot"), "tiny-test",
                        TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5), new ModelPackageWriter().groundFirst(true), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain of thought");
        // a manifest edited by hand to ground first without chain of thought is refused, naming the package
        Path manifest = first.resolve(dev.lacy.onnx.model.ModelManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"chainOfThought\" : true", "\"chainOfThought\" : false"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.lacy.onnx.model.ModelPackage.readManifest(first))
                .hasMessageContaining("groundFirst needs chainOfThought").hasMessageContaining(first.toString());
    }

    @org.junit.jupiter.api.Test
    void aPackageTaughtThePickPhrasesSaysSoInItsPromptFormatAndOnlyWithChainOfThought(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path taught = dir.resolve("taught");
        TinyLlavaPackages.write(taught, "tiny-test", TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5),
                new ModelPackageWriter().pickPhrases(true).groundFirst(true), true);
        Path own = dir.resolve("own");
        writeModel(own, true);

        var format = loader().promptFormat(new dev.lacy.core.port.ModelRef(taught));
        org.assertj.core.api.Assertions.assertThat(format.pickPhrases()).isTrue();
        org.assertj.core.api.Assertions.assertThat(format.groundsFirst()).isTrue();
        org.assertj.core.api.Assertions.assertThat(loader().promptFormat(new dev.lacy.core.port.ModelRef(own)).pickPhrases()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TinyLlavaPackages.write(dir.resolve("no-cot"), "tiny-test",
                        TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5), new ModelPackageWriter().pickPhrases(true), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain of thought");
        // a manifest edited by hand to keep pick phrases without chain of thought is refused, naming the package
        Path manifest = taught.resolve(dev.lacy.onnx.model.ModelManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"chainOfThought\" : true", "\"chainOfThought\" : false")
                .replace("\"groundFirst\" : true,", ""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.lacy.onnx.model.ModelPackage.readManifest(taught))
                .hasMessageContaining("pickPhrases needs chainOfThought").hasMessageContaining(taught.toString());
    }

    @org.junit.jupiter.api.Test
    void aPackageSaysWhichComparisonLineItsModelWasTaughtAndOneThatDoesNotSayWasTaughtTheFirst(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path halves = dir.resolve("halves");
        TinyLlavaPackages.write(halves, "tiny-test", TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5),
                new ModelPackageWriter().comparisonLine(2), true);
        Path own = dir.resolve("own");
        writeModel(own, true);

        org.assertj.core.api.Assertions.assertThat(dev.lacy.onnx.model.ModelPackage.readManifest(halves).comparisonLine()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(loader().promptFormat(new dev.lacy.core.port.ModelRef(halves)).comparisonLine())
                .isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(Files.readString(own.resolve(dev.lacy.onnx.model.ModelManifest.FILE)))
                .doesNotContain("comparisonLine");
        org.assertj.core.api.Assertions.assertThat(loader().promptFormat(new dev.lacy.core.port.ModelRef(own)).comparisonLine())
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelPackageWriter().comparisonLine(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TinyLlavaPackages.write(dir.resolve("no-cot"), "tiny-test",
                        TinyLlavaWeights.random(TinyModelPackage.CONFIG, 5), new ModelPackageWriter().comparisonLine(2), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain of thought");
        // a manifest edited by hand to name a version there is not is refused, naming the package
        Path manifest = halves.resolve(dev.lacy.onnx.model.ModelManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"comparisonLine\" : 2", "\"comparisonLine\" : 7"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.lacy.onnx.model.ModelPackage.readManifest(halves))
                .hasMessageContaining("version 7").hasMessageContaining(halves.toString());
        Files.writeString(manifest, Files.readString(manifest).replace("\"comparisonLine\" : 7", "\"comparisonLine\" : \"two\""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.lacy.onnx.model.ModelPackage.readManifest(halves))
                .hasMessageContaining("comparisonLine must be a whole number").hasMessageContaining(halves.toString());
    }
}
