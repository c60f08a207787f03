package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.model.ModelPackageException;
import dev.lacy.onnx.writer.TinyLlavaGraphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageValidationTest {

    @TempDir
    Path dir;
    private Path model;
    private Path manifest;

    @BeforeEach
    void write() {
        model = new TinyModelPackage(dir.resolve("tiny"), 7).directory;
        manifest = model.resolve(ModelManifest.FILE);
    }

    private void edit(String from, String to) throws IOException {
        String text = Files.readString(manifest);
        if (!text.contains(from)) {
            throw new AssertionError("the manifest has no '" + from + "'");
        }
        Files.writeString(manifest, text.replace(from, to));
    }

    @Test
    void aCorruptedGraphIsCaughtByItsChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(model.resolve("decoder.onnx"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(model.resolve("decoder.onnx"), bytes);

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("decoder.onnx does not match its sha256");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(model.resolve("joint.onnx_adapter"));

        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("joint.onnx_adapter is missing");
    }

    @Test
    void aPathEscapingThePackageIsRefused() throws IOException {
        Files.writeString(manifest, Files.readString(manifest).replace("\"tokenizer.json\"", "\"../outside.json\""));

        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("'../outside.json' lies outside the package");
    }

    @Test
    void anUnknownTaskOrAdapterIsRefused() throws IOException {
        edit("\"L2A\" : \"joint\"", "\"L2X\" : \"joint\"");
        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("unknown task 'L2X'");

        edit("\"L2X\" : \"joint\"", "\"L2A\" : \"nope\"");
        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("adapter 'nope', which adapters does not list");
    }

    @Test
    void anEmbeddingAdapterOfNoAdapterOrWithoutAChecksumIsRefused() throws IOException {
        edit("\"tasks\" : {", "\"embeddingAdapters\" : {\"other\" : \"joint.onnx_adapter\"},\n  \"tasks\" : {");
        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("embeddingAdapters names adapter 'other', "
                + "which adapters does not list");

        edit("{\"other\" : \"joint.onnx_adapter\"}", "{\"joint\" : \"joint.embedding.onnx_adapter\"}");
        assertThatThrownBy(() -> ModelPackage.open(model)).hasMessageContaining("no sha256 for joint.embedding.onnx_adapter");
    }

    @Test
    void aGraphWhoseInputsDoNotMatchItsRoleIsRefused() throws IOException {
        byte[] vision = TinyLlavaGraphs.vision(new TinyModelPackage(dir.resolve("other"), 8).weights);
        String recorded = currentSha();
        Files.write(model.resolve("decoder.onnx"), vision);
        edit("\"decoder.onnx\" : \"" + recorded, "\"decoder.onnx\" : \"" + ModelPackage.sha256(vision));

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU))
                .hasMessageContaining("the decoder graph has no input 'inputs_embeds'");
    }

    @Test
    void aDirectoryWithoutAManifestIsNotAPackage() {
        assertThatThrownBy(() -> ModelPackage.open(dir)).hasMessageContaining("no lacy-model.json");
    }

    private String currentSha() throws IOException {
        String text = Files.readString(manifest);
        int at = text.indexOf("\"decoder.onnx\" : \"") + "\"decoder.onnx\" : \"".length();
        return text.substring(at, text.indexOf('"', at));
    }

    /** The CUDA path, on a machine with an NVIDIA GPU and a build with -Dcuda: same tokens as the CPU. */
    @Test
    @EnabledIfEnvironmentVariable(named = "LACY_TEST_CUDA", matches = "1")
    void onCudaTheGreedyTokensAreThoseOfTheCpu() {
        try (var cpu = OnnxVisionLanguageModel.open(model, Device.CPU);
             var cuda = OnnxVisionLanguageModel.open(model, Device.CUDA)) {
            var request = new dev.lacy.core.port.GenerationRequest(dev.lacy.core.port.LacyTask.L2A,
                    OnnxVisionLanguageModelTest.image(1), "<image>\nL2A: go.\n", dev.lacy.core.port.Decoding.greedy(), 1, 16,
                    java.util.List.of());
            org.assertj.core.api.Assertions.assertThat(cuda.device()).isEqualTo(Device.CUDA);
            org.assertj.core.api.Assertions.assertThat(cuda.generate(request)).isEqualTo(cpu.generate(request));
        }
    }

    @Test
    void anImageNormalisationThatCannotNormaliseIsRefused() throws IOException {
        String text = Files.readString(manifest);
        String std = text.substring(text.indexOf("\"std\""), text.indexOf("]", text.indexOf("\"std\"")) + 1);
        edit(std, "\"std\" : [ 0.5, 0.0, 0.5 ]");

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining(model.toString()).hasMessageContaining("every std must be positive");
    }

    @Test
    void aSpecialTokenTheTokenizerSplitsIsRefused() throws IOException {
        edit("\"positive\" : \"1\"", "\"positive\" : \"yes please\"");

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("the special token 'yes please' does not fit the tokenizer");
    }

    @Test
    void aTokenizerWithMoreTokensThanTheDecodersLogitsIsRefused() throws Exception {
        Path tokenizer = model.resolve("tokenizer.json");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(tokenizer.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.withArray("added_tokens")).addObject().put("id", 5000)
                .put("content", "<extra>").put("single_word", false).put("lstrip", false).put("rstrip", false)
                .put("normalized", false).put("special", true);
        String oldSha = sha256(tokenizer);
        mapper.writeValue(tokenizer.toFile(), root);
        edit(oldSha, sha256(tokenizer));

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("tokenizer.json has 5001 tokens, the decoder's logits");
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void keyValueHeadsThatDoNotDivideTheHeadsAreRefusedNamingTheField() throws IOException {
        edit("\"kvHeads\" : 4", "\"kvHeads\" : 3");

        assertThatThrownBy(() -> ModelPackage.open(model)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("decoder.kvHeads 3 does not divide decoder.heads 4");
    }

    @Test
    void aManifestWhoseKeyValueHeadsContradictTheDecoderFailsAtOpenNotAtTheFirstCall() throws IOException {
        edit("\"kvHeads\" : 4", "\"kvHeads\" : 2");

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("decoder.kvHeads is 2 but the decoder's past_key_values.0.key has 4 key-value heads");
    }

    @Test
    void aGroupedQueryExportDescribedWithoutKvHeadsIsToldWhatItNeeds() throws IOException {
        // as an export of Mistral or Llama 3 would be described by heads and headSize alone: 8 heads of 4 make the
        // decoder's 32-wide embeddings, but its cache has 4 key-value heads of 8
        withoutKvHeadsAndHidden();
        edit("\"heads\" : 4", "\"heads\" : 8");
        edit("\"headSize\" : 8", "\"headSize\" : 4");

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("decoder.kvHeads is 8 but the decoder's past_key_values.0.key has 4 key-value heads")
                .hasMessageContaining("a decoder with grouped-query attention needs decoder.kvHeads");
    }

    @Test
    void anEmbeddingWidthThatContradictsTheGraphsIsRefusedNamingTheField() throws IOException {
        edit("\"hidden\" : 32", "\"hidden\" : 64");

        assertThatThrownBy(() -> OnnxVisionLanguageModel.open(model, Device.CPU)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("decoder.hidden is 64 but the decoder takes embeddings of 32 values");
    }

    @Test
    void aManifestWithoutKvHeadsAndHiddenMeansNoGroupedQueryAttention() throws IOException {
        withoutKvHeadsAndHidden();

        try (var vlm = OnnxVisionLanguageModel.open(model, Device.CPU)) {
            assertThat(vlm.manifest().decoder().kvHeads()).isEqualTo(4);
            assertThat(vlm.manifest().decoder().hidden()).isEqualTo(32);
        }
    }

    /** The decoder described as before grouped-query attention: layers, heads, head size and positions only. */
    private void withoutKvHeadsAndHidden() throws IOException {
        edit("\"maxPositions\" : 512,\n    \"kvHeads\" : 4,\n    \"hidden\" : 32", "\"maxPositions\" : 512");
    }

    @Test
    void anUnknownResizeIsRefusedAndAKnownOneIsRead() throws IOException {
        edit("\"size\" : 16", "\"size\" : 16,\n    \"resize\" : \"sideways\"");
        assertThatThrownBy(() -> ModelPackage.open(model)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("image.resize must be 'stretch-bilinear' or 'shortest-edge-bicubic', not 'sideways'");

        edit("\"sideways\"", "\"shortest-edge-bicubic\"");
        assertThat(ModelPackage.readManifest(model).image().resize()).isEqualTo(ModelManifest.Resize.SHORTEST_EDGE_BICUBIC);
    }
}
