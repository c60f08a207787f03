package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.RgbImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LLaVA-NeXT with grouped-query attention (a Mistral language model: 8 heads, 2 key-value heads), made with seeded
 * random weights by transformers and exported by {@code tools/export_llava_next.py --fixture}: its package holds the
 * LLaVA-NeXT image packing (base image, tile, image_newline), the chat template, the start token and the image at its
 * placeholder. The runtime must answer what transformers answered, recorded beside it in {@code expected.json}.
 */
class LlavaNextFixtureTest {

    private static Path fixture;
    private static JsonNode expected;
    private static RgbImage image;

    @BeforeAll
    static void read() throws Exception {
        fixture = Path.of(LlavaNextFixtureTest.class.getResource("/llava-next-gqa/lacy-model.json").toURI()).getParent();
        expected = new ObjectMapper().readTree(fixture.resolve("expected.json").toFile());
        JsonNode i = expected.path("image");
        byte[] rgb = new byte[i.path("rgb").size()];
        for (int k = 0; k < rgb.length; k++) {
            rgb[k] = (byte) i.path("rgb").get(k).asInt();
        }
        image = RgbImage.of(i.path("width").asInt(), i.path("height").asInt(), rgb);
    }

    @Test
    void greedyTokensAreThoseOfTransformersGenerate() {
        try (var model = OnnxVisionLanguageModel.open(fixture, Device.CPU)) {
            assertThat(model.manifest().decoder().kvHeads()).isLessThan(model.manifest().decoder().heads());
            for (JsonNode c : expected.path("generate")) {
                String text = model.generate(new GenerationRequest(LacyTask.L2A, image, c.path("prompt").asText(),
                        Decoding.greedy(), 1, expected.path("maxNewTokens").asInt(), List.of())).get(0);

                assertThat(text).as("after %s", c.path("prompt").asText()).isEqualTo(c.path("text").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void samplesDecodedTogetherThroughTheTiledCacheGiveTheGreedyAnswerAtTemperatureZero() {
        JsonNode first = expected.path("generate").get(0);
        try (var model = OnnxVisionLanguageModel.open(fixture, Device.CPU)) {
            List<String> texts = model.generate(new GenerationRequest(LacyTask.L2A, image, first.path("prompt").asText(),
                    Decoding.greedy(), 3, expected.path("maxNewTokens").asInt(), List.of()));

            assertThat(texts).containsOnly(first.path("text").asText()).hasSize(3);
        }
    }

    @Test
    void promptsOfDifferentLengthsTogetherAnswerAsTransformersDoesWithoutPaddedBatches() {
        try (var model = OnnxVisionLanguageModel.open(fixture, Device.CPU)) {
            // an export's manifest does not claim padded batches: prompts of different lengths go in separate batches
            assertThat(model.manifest().decoder().paddedBatches()).isFalse();
            var requests = new java.util.ArrayList<GenerationRequest>();
            var texts = new java.util.ArrayList<List<String>>();
            for (JsonNode c : expected.path("generate")) {
                requests.add(new GenerationRequest(LacyTask.L2A, image, c.path("prompt").asText(), Decoding.greedy(), 2,
                        expected.path("maxNewTokens").asInt(), List.of()));
                texts.add(List.of(c.path("text").asText(), c.path("text").asText()));
            }
            JsonNode act = expected.path("act");
            requests.add(new GenerationRequest(LacyTask.L2A, image, act.path("prompt").asText(), Decoding.greedy(), 1,
                    act.path("maxNewTokens").asInt(), List.of()));
            texts.add(List.of(act.path("text").asText()));
            assertThat(requests.stream().map(r -> r.prompt().length()).distinct().count()).isGreaterThan(1);

            assertThat(model.generateAll(requests)).isEqualTo(texts);
        }
    }

    @Test
    void theL2cLogitsAreThoseOfTransformersWithin1e4() {
        JsonNode l2c = expected.path("l2c");
        try (var model = OnnxVisionLanguageModel.open(fixture, Device.CPU)) {
            BinaryLogits logits = model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image,
                    l2c.path("prefix").asText(), "1", "0"));

            assertThat(logits.positive()).isCloseTo(l2c.path("positive").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(logits.negative()).isCloseTo(l2c.path("negative").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void throughTheLacyFacadeL2aAndL2cAnswerAsTransformersDoesForTheCommandLinesPrompts() {
        JsonNode act = expected.path("act");
        JsonNode verify = expected.path("verify");
        var format = dev.lacy.core.format.LacyPromptFormat.withoutChainOfThought();
        // the prompts the export tool recorded are the ones the library builds
        assertThat(format.l2aPrompt(act.path("instruction").asText())).isEqualTo(act.path("prompt").asText());
        assertThat(format.l2cPrompt(verify.path("first").asText(), verify.path("second").asText()))
                .isEqualTo(verify.path("prompt").asText());
        try (var model = OnnxVisionLanguageModel.open(fixture, Device.CPU)) {
            var lacy = new dev.lacy.core.cycle.Lacy(model, format, act.path("maxNewTokens").asInt());

            assertThat(lacy.l2a(image, act.path("instruction").asText()).raw()).isEqualTo(act.path("text").asText());
            double z = verify.path("positive").asDouble() - verify.path("negative").asDouble();
            assertThat(lacy.l2c(image, verify.path("first").asText(), verify.path("second").asText()).confidence())
                    .isCloseTo(1 / (1 + Math.exp(-z)), org.assertj.core.data.Offset.offset(1e-5));
        }
    }
}
