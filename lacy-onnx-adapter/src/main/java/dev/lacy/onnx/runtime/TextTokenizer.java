package dev.lacy.onnx.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json}, loaded with DJL's tokenizers. Thread-safe.
 *
 * <p>The native tokenizer's pre-tokenizer regex recurses per character: about 4,000 characters overflowed a 1 MiB
 * thread stack and killed the JVM (exit 139, nothing on stderr). Texts are therefore encoded on a thread of its own
 * with a {@value #STACK_MIB} MiB stack (reserved address space, committed only as used), and texts longer than
 * {@value #MAX_CHARACTERS} characters, which no model's context could hold, are refused before native code.
 */
final class TextTokenizer implements AutoCloseable {

    /** The longest text encoded: far beyond any prompt that fits a context window. */
    static final int MAX_CHARACTERS = 100_000;
    static final int STACK_MIB = 512;

    private static final java.util.concurrent.ExecutorService ENCODER = java.util.concurrent.Executors.newSingleThreadExecutor(
            task -> {
                Thread thread = new Thread(null, task, "lacy-tokenizer", (long) STACK_MIB << 20);
                thread.setDaemon(true);
                return thread;
            });

    private final HuggingFaceTokenizer tokenizer;
    private final long size;

    TextTokenizer(Path file) throws IOException {
        size = vocabularySize(file);
        // never truncate or pad: a prompt is sent whole, and one too long for the model fails loudly
        tokenizer = HuggingFaceTokenizer.newInstance(file,
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    }

    long[] encode(String text) {
        if (text.length() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("the prompt is " + text.length() + " characters, more than the "
                    + MAX_CHARACTERS + " the tokenizer takes (no model's context holds a text that long)");
        }
        if (text.length() <= 256) {
            return tokenizer.encode(text, false, false).getIds();
        }
        try {
            return ENCODER.submit(() -> {
                Encoding encoding = tokenizer.encode(text, false, false);
                return encoding.getIds();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tokenizing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the tokenizer failed: " + e.getCause(), e.getCause());
        }
    }

    /** One more than the largest token id of the file (its model's vocabulary and its added tokens). */
    long size() {
        return size;
    }

    private static long vocabularySize(Path file) throws IOException {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        long max = -1;
        var vocabulary = root.path("model").path("vocab");
        if (vocabulary.isObject()) {
            for (var entry : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) vocabulary::fields) {
                max = Math.max(max, entry.getValue().asLong());
            }
        } else if (vocabulary.isArray()) {
            max = vocabulary.size() - 1L; // Unigram: a list of [piece, score], ids by position
        }
        for (var added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asLong(-1));
        }
        return max + 1;
    }

    String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /**
     * The id of a token written as {@code text}: its single-token encoding, else the last token of
     * its encoding after a space (the SentencePiece and byte-level forms, {@code ▁1} and {@code Ġ1}).
     */
    long singleToken(String text) {
        long[] plain = encode(text);
        if (plain.length == 1) {
            return plain[0];
        }
        long[] spaced = encode(" " + text);
        if (spaced.length >= 1 && decode(new long[] {spaced[spaced.length - 1]}).strip().equals(text)) {
            return spaced[spaced.length - 1];
        }
        throw new IllegalArgumentException("'" + text + "' is not a single token of this tokenizer (it encodes to "
                + plain.length + " tokens)");
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
