package dev.lacy.core.port;

import dev.lacy.core.scene.RgbImage;
import java.util.List;

/**
 * A request for {@code samples} completions of a prompt over an image. Decoding stops at the end
 * of sequence, after {@code maxNewTokens}, or before the first of {@code stopSequences} (which is not
 * part of the completion).
 */
public record GenerationRequest(LacyTask task, RgbImage image, String prompt, Decoding decoding, int samples,
                                int maxNewTokens, List<String> stopSequences) {

    public GenerationRequest {
        if (task == null || image == null || prompt == null || decoding == null) {
            throw new IllegalArgumentException("a generation request needs a task, an image, a prompt and a decoding");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples " + samples + " must be >= 1");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens " + maxNewTokens + " must be >= 1");
        }
        stopSequences = List.copyOf(stopSequences);
        if (stopSequences.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop sequence may not be empty");
        }
    }

    /** {@code text} up to the first of {@code stopSequences} it holds, that stop sequence left out; all of it without one. */
    public static String beforeStop(String text, List<String> stopSequences) {
        int end = text.length();
        for (String stop : stopSequences) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return text.substring(0, end);
    }
}
