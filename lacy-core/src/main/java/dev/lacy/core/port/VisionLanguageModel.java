package dev.lacy.core.port;

import java.util.List;

/**
 * A vision-language model that completes text prompts over an image. Implementations that hold
 * native memory are closed by their owner; every implementation documents whether it is
 * thread-safe.
 */
public interface VisionLanguageModel extends AutoCloseable {

    /** Exactly {@code request.samples()} completions, in order; deterministic for a fixed seed. */
    List<String> generate(GenerationRequest request);

    /** The logits of the two candidate tokens at the first position after the prefix. */
    BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request);

    /** Releases what the model holds; calling the model afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
