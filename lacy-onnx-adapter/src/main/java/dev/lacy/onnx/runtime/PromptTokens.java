package dev.lacy.onnx.runtime;

import dev.lacy.onnx.model.ModelManifest;

/**
 * A prompt as the model reads it, around the image: the token ids before the image's features (the start token and
 * the text before the placeholder; none when the image comes first) and after them.
 */
record PromptTokens(long[] beforeImage, long[] afterImage) {

    /**
     * {@code prompt} laid out as the manifest says: put into the chat template, the start token first, the image at the
     * placeholder (or first, the placeholder removed).
     */
    static PromptTokens of(String prompt, ModelManifest manifest, TextTokenizer tokenizer) {
        ModelManifest.PromptLayout layout = manifest.prompt();
        String text = layout.apply(prompt);
        String placeholder = manifest.special().image();
        long[] start = layout.startToken().isEmpty() ? new long[0] : new long[] {tokenizer.singleToken(layout.startToken())};
        int at = text.indexOf(placeholder);
        if (layout.image() == ModelManifest.ImagePlacement.FIRST || at < 0) {
            return new PromptTokens(new long[0], concat(start, tokenizer.encode(text.replace(placeholder, ""))));
        }
        return new PromptTokens(concat(start, tokenizer.encode(text.substring(0, at))),
                tokenizer.encode(text.substring(at + placeholder.length()).replace(placeholder, "")));
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = new long[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
