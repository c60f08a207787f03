package dev.lacy.core.port;

import dev.lacy.core.scene.RgbImage;

/**
 * A request for the logits of two candidate next tokens right after {@code prefix} (the prompt and
 * whatever reasoning precedes the answer): the L2C confidence reads the tokens {@code 1} and {@code 0}.
 */
public record BinaryChoiceRequest(LacyTask task, RgbImage image, String prefix, String positive, String negative) {

    public BinaryChoiceRequest {
        if (task == null || image == null || prefix == null) {
            throw new IllegalArgumentException("a binary-choice request needs a task, an image and a prefix");
        }
        if (positive == null || positive.isEmpty() || negative == null || negative.isEmpty() || positive.equals(negative)) {
            throw new IllegalArgumentException("a binary choice needs two different, non-empty tokens");
        }
    }
}
