package dev.lacy.onnx.tiny;

import java.util.List;

/**
 * The sizes of "lacy-tiny", the small LLaVA-style model the library trains and exports: a patch
 * encoder over {@code imageSize} x {@code imageSize} RGB images ({@code patchSize} patches, so
 * {@code (imageSize / patchSize)^2} image tokens), a projector, and a decoder-only transformer of
 * {@code layers} pre-norm layers with {@code heads} heads of causal self-attention and a ReLU MLP.
 * Positions are learned, up to {@code maxPositions} tokens (image tokens included); with
 * {@code ropeBase > 0} the decoder's queries and keys are also rotated by their position (rotary
 * embeddings, as in the Llama-family language models of LLaVA-NeXT; see {@link Rotary}), meant to
 * make attention by relative offset, and so copying from the context, easier to learn (docs/experiments/2026-11-trainer-design.md
 * has what it measured). The vision encoder may add {@code visionLayers} bidirectional pre-norm
 * layers over the image tokens (a small ViT; 0 keeps the per-patch encoder). With {@code textWindow > 1}
 * the embedding graph adds to each text token's embedding a learned linear map of the embeddings of
 * the {@code textWindow - 1} text tokens before it (a short causal convolution over the text, as the
 * "Canon layers" of Allen-Zhu 2025 and the short convolutions of H3 and Mamba), so that every position
 * of the decoder starts out knowing the few words before it; 0 or 1 has none.
 */
public record TinyLlavaConfig(int imageSize, int patchSize, int hidden, int heads, int layers, int mlp, int vocab,
                              int maxPositions, int visionLayers, double ropeBase, int textWindow) {

    /** A model whose vision encoder works on each patch alone (no vision layers), without rotary positions. */
    public TinyLlavaConfig(int imageSize, int patchSize, int hidden, int heads, int layers, int mlp, int vocab,
                           int maxPositions) {
        this(imageSize, patchSize, hidden, heads, layers, mlp, vocab, maxPositions, 0, 0);
    }

    /** A model without the text window. */
    public TinyLlavaConfig(int imageSize, int patchSize, int hidden, int heads, int layers, int mlp, int vocab,
                           int maxPositions, int visionLayers, double ropeBase) {
        this(imageSize, patchSize, hidden, heads, layers, mlp, vocab, maxPositions, visionLayers, ropeBase, 0);
    }

    /** A model without rotary positions. */
    public TinyLlavaConfig(int imageSize, int patchSize, int hidden, int heads, int layers, int mlp, int vocab,
                           int maxPositions, int visionLayers) {
        this(imageSize, patchSize, hidden, heads, layers, mlp, vocab, maxPositions, visionLayers, 0);
    }

    /** The projections that carry LoRA inputs, per layer: {@code layers.<i>.<target>}. */
    public static final List<String> LORA_TARGETS = List.of("q", "k", "v", "o", "mlp1", "mlp2");

    public TinyLlavaConfig {
        if (imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("the image size " + imageSize + " must be a multiple of the patch size " + patchSize);
        }
        if (hidden <= 0 || heads <= 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " must be a multiple of heads " + heads);
        }
        // the fields are not assigned yet inside a compact constructor: compute from the parameters
        int tokens = (imageSize / patchSize) * (imageSize / patchSize);
        if (ropeBase < 0 || Double.isNaN(ropeBase) || ropeBase > 0 && (hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("ropeBase must be 0 (no rotary positions) or positive with an even head size, got "
                    + ropeBase + " with head size " + (hidden / heads));
        }
        if (textWindow < 0) {
            throw new IllegalArgumentException("textWindow must be 0 (none) or more, got " + textWindow);
        }
        if (visionLayers < 0) {
            throw new IllegalArgumentException("visionLayers must be 0 or more, got " + visionLayers);
        }
        if (layers <= 0 || mlp <= 0 || vocab <= 1 || maxPositions <= tokens) {
            throw new IllegalArgumentException("layers, mlp and vocab must be positive and maxPositions above the "
                    + tokens + " image tokens");
        }
    }

    public int grid() {
        return imageSize / patchSize;
    }

    public int imageTokens() {
        return grid() * grid();
    }

    public int patchInputs() {
        return 3 * patchSize * patchSize;
    }

    public int headSize() {
        return hidden / heads;
    }

    public boolean rotary() {
        return ropeBase > 0;
    }

    /** Whether text embeddings mix in the tokens before them ({@code textWindow > 1}). */
    public boolean textMix() {
        return textWindow > 1;
    }

    /** The rows of the text-mix matrix {@code [(textWindow - 1) * hidden, hidden]}: 0 without it. */
    public int textMixRows() {
        return textMix() ? (textWindow - 1) * hidden : 0;
    }
}
