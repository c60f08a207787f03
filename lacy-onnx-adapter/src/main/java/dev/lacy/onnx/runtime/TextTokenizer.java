package dev.lacy.onnx.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A Hugging Face {@code tokenizer.json}, loaded with DJL's tokenizers. Thread-safe. */
final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    TextTokenizer(Path file) throws IOException {
        // never truncate or pad: a prompt is sent whole, and one too long for the model fails loudly
        tokenizer = HuggingFaceTokenizer.newInstance(file,
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    }

    long[] encode(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        return encoding.getIds();
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
