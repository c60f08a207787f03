package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OracleGroundingModelTest {

    private static final RgbImage IMAGE = RgbImage.filled(2, 2, 0);
    private static final Scene SCENE = new Scene(List.of(new SceneObject("lemon", new Point(0.5, 0.5), 0.04)));
    private static final String TRUE = "There is 1 object in the image: lemon at (0.500,0.500).\n";

    /** Records every prompt and answers each with the same text. */
    private static final class RecordingModelTestDouble implements VisionLanguageModel {
        final List<String> prompts = new ArrayList<>();

        @Override
        public List<String> generate(GenerationRequest request) {
            prompts.add(request.prompt());
            return java.util.Collections.nCopies(request.samples(), "ANSWER");
        }

        @Override
        public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
            throw new AssertionError("not asked");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theTrueGroundingIsGivenOnceAndAContinuationThatHasItAlreadyIsPassedOnAsItIs() {
        var inner = new RecordingModelTestDouble();
        var oracle = new OracleGroundingModel(inner, LacyPromptFormat.withChainOfThought(), Map.of(IMAGE, SCENE));

        List<String> first = oracle.generate(new GenerationRequest(LacyTask.L2A, IMAGE, "PROMPT\n", Decoding.greedy(), 1, 50,
                List.of()));
        assertThat(first).containsExactly(TRUE + "ANSWER");
        assertThat(inner.prompts).containsExactly("PROMPT\n" + TRUE);

        // Lacy continues an L2A completion from a copy it held to that grounding: the prompt holds the sentence already
        List<String> continued = oracle.generate(new GenerationRequest(LacyTask.L2A, IMAGE,
                "PROMPT\n" + TRUE + "The place is in the center at (0.500,0.500).", Decoding.greedy(), 1, 50, List.of()));
        assertThat(continued).containsExactly("ANSWER");
        assertThat(inner.prompts.get(1)).isEqualTo("PROMPT\n" + TRUE + "The place is in the center at (0.500,0.500).");
    }
}
