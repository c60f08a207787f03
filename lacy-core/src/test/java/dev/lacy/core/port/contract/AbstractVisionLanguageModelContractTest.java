package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link VisionLanguageModel} does, whatever its weights. */
public abstract class AbstractVisionLanguageModelContractTest {

    protected abstract VisionLanguageModel createModel();

    /** An image the model accepts. */
    protected abstract RgbImage image();

    private GenerationRequest request(int samples, Decoding decoding) {
        String prompt = LacyPromptFormat.withChainOfThought().a2lPrompt(PickPlaceAction.of(0.3, 0.3, 0.6, 0.6));
        return new GenerationRequest(LacyTask.A2L, image(), prompt, decoding, samples, 24, List.of());
    }

    @Test
    void returnsExactlyTheRequestedNumberOfCompletions() {
        try (VisionLanguageModel model = createModel()) {
            assertThat(model.generate(request(1, Decoding.greedy()))).hasSize(1).doesNotContainNull();
            assertThat(model.generate(request(3, Decoding.sampled(1.0, 0.9, 1)))).hasSize(3).doesNotContainNull();
        }
    }

    @Test
    void greedyDecodingIsDeterministicAndSeededSamplingReproducible() {
        try (VisionLanguageModel model = createModel()) {
            assertThat(model.generate(request(2, Decoding.greedy())))
                    .isEqualTo(model.generate(request(2, Decoding.greedy())));
            Decoding sampled = Decoding.sampled(1.0, 1.0, 42);
            assertThat(model.generate(request(4, sampled))).isEqualTo(model.generate(request(4, sampled)));
        }
    }

    @Test
    void binaryChoiceGivesFiniteLogitsAndAConfidenceInTheUnitInterval() {
        try (VisionLanguageModel model = createModel()) {
            String prefix = LacyPromptFormat.withoutChainOfThought().l2cPrompt(
                    "Pick the lemon and place it in the center", "Grab the lemon and put it on the center of the table");
            BinaryLogits logits = model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(), prefix, "1", "0"));

            assertThat(logits.confidence()).isBetween(0.0, 1.0);
            assertThat(model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(), prefix, "1", "0")))
                    .isEqualTo(logits);
        }
    }

    @Test
    void requestsTogetherGetWhatEachGetsAlone() {
        try (VisionLanguageModel model = createModel()) {
            var format = LacyPromptFormat.withChainOfThought();
            var requests = List.of(
                    request(2, Decoding.sampled(1.0, 0.9, 5)),
                    new GenerationRequest(LacyTask.L2A, image(), format.l2aPrompt("Pick the lemon and place it in the "
                            + "top left of the table"), Decoding.greedy(), 1, 16, List.of()),
                    new GenerationRequest(LacyTask.A2L, image(), format.a2lPrompt(PickPlaceAction.of(0.3, 0.3, 0.1, 0.9)),
                            Decoding.greedy(), 1, 5, List.of()),
                    request(3, Decoding.sampled(0.7, 1.0, 9)));
            List<List<String>> alone = requests.stream().map(model::generate).toList();

            assertThat(model.generateAll(requests)).isEqualTo(alone);
            String first = LacyPromptFormat.withoutChainOfThought().l2cPrompt("Pick the lemon and place it in the center",
                    "Grab the lemon and put it on the center of the table");
            String second = LacyPromptFormat.withoutChainOfThought().l2cPrompt("Pick the cup", "Grab the lemon");
            var scores = List.of(new BinaryChoiceRequest(LacyTask.L2C, image(), first, "1", "0"),
                    new BinaryChoiceRequest(LacyTask.L2C, image(), second, "1", "0"));
            List<BinaryLogits> together = model.scoreAll(scores);
            assertThat(together).hasSize(2);
            for (int i = 0; i < 2; i++) {
                // one batch may sum in another order than one request: equal to float rounding
                BinaryLogits single = model.scoreBinaryChoice(scores.get(i));
                assertThat(together.get(i).positive()).isCloseTo(single.positive(), org.assertj.core.data.Offset.offset(1e-4));
                assertThat(together.get(i).negative()).isCloseTo(single.negative(), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void aClosedModelRefusesCalls() {
        VisionLanguageModel model = createModel();
        model.close();

        assertThatThrownBy(() -> model.generate(request(1, Decoding.greedy()))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(), "x", "1", "0")))
                .isInstanceOf(IllegalStateException.class);
    }
}
