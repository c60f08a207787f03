package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import org.junit.jupiter.api.Test;

class TrainingFlopsTest {

    @Test
    void countsEveryMatrixMultiplyOfAStepByHand() {
        // 16-pixel images of 8-pixel patches: 4 image tokens of 192 inputs; width 4, MLP 8, one vision and one decoder
        // layer, a vocabulary of 10, a text window of 3 (a map of 2 x 4 rows)
        var config = new TinyLlavaConfig(16, 8, 4, 1, 1, 8, 10, 64, 1, 0, 3);
        double forward = 2 * 4 * 192 * 4 + 2 * 4 * 4 * 4   // patch embedding, projector
                + (2 * 4 * 4 * 16 + 2 * 2 * 4 * 4 * 4 + 2 * 2 * 4 * 4 * 8)   // vision layer over 4 tokens
                + 2 * 6 * 8 * 4   // the text window's map over 6 text tokens
                + (2 * 10 * 4 * 16 + 2 * 2 * 10 * 10 * 4 + 2 * 2 * 10 * 4 * 8)   // decoder layer over 10 tokens
                + 2 * 6 * 4 * 10   // language-model head over the text
                + 2 * 4 * 4 * (5 + 2 + 202);   // dense heads: 5 classes, the offset, 101 values a coordinate

        assertThat(TrainingFlops.perSequence(config, 6, 5)).isEqualTo(3 * forward);
    }
}
