package dev.lacy.server;

import dev.lacy.client.LacyClient;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.port.contract.AbstractVisionLanguageModelContractTest;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.testing.OracleModelTestDouble;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The model port's contract, met by {@link LacyClient} talking to {@code lacy serve}. */
class ServedModelContractTest {

    static URI uri(LacyServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The server over an ONNX Runtime model (a lacy-tiny package with random weights), batching as it does by default. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OverOnnxRuntime extends AbstractVisionLanguageModelContractTest {

        Path dir;
        OnnxVisionLanguageModel model;
        LacyServer server;

        @BeforeAll
        void start() throws java.io.IOException {
            dir = java.nio.file.Files.createTempDirectory("served-contract");
            var config = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, CharacterTokenizer.vocabularySize(), 512);
            Path pack = dir.resolve("served");
            TinyLlavaPackages.write(pack, "served", TinyLlavaWeights.random(config, 3), new ModelPackageWriter(), true);
            model = OnnxVisionLanguageModel.open(pack, Device.CPU);
            server = LacyServer.start(model, LacyPromptFormat.withChainOfThought(), "served", List.of(), ServerSettings.defaults());
        }

        @AfterAll
        void stop() throws java.io.IOException {
            server.close();
            model.close();
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        @Override
        protected VisionLanguageModel createModel() {
            return LacyClient.of(uri(server), Optional.empty());
        }

        @Override
        protected RgbImage image() {
            return TestScenes.picture(ContractScenes.TWO_OBJECTS, 16);
        }
    }

    /** The server over the oracle double, behind a bearer token. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OverTheOracleWithAToken extends AbstractVisionLanguageModelContractTest {

        LacyServer server;

        @BeforeAll
        void start() {
            server = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), LacyPromptFormat.withoutChainOfThought(),
                    "oracle", List.of(), ServerSettings.defaults().withToken(Optional.of("t0ken")));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Override
        protected VisionLanguageModel createModel() {
            return LacyClient.of(uri(server), Optional.of("t0ken"));
        }

        @Override
        protected RgbImage image() {
            return TestScenes.picture(ContractScenes.TWO_OBJECTS, 16);
        }
    }
}
