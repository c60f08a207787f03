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

    /**
     * Each request's completions, in order, exactly as {@link #generate} would give them one by one; an implementation
     * may compute them together (a server batches concurrent clients' requests so). By default, one by one.
     */
    default List<List<String>> generateAll(List<GenerationRequest> requests) {
        return requests.stream().map(this::generate).toList();
    }

    /** Each request's logits, in order, as {@link #scoreBinaryChoice} would give them; by default one by one. */
    default List<BinaryLogits> scoreAll(List<BinaryChoiceRequest> requests) {
        return requests.stream().map(this::scoreBinaryChoice).toList();
    }

    /** Releases what the model holds; calling the model afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
