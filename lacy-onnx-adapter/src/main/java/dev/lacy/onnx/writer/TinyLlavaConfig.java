package dev.lacy.onnx.writer;

import java.util.List;

/**
 * The sizes of "lacy-tiny", the small LLaVA-style model the library trains and exports: a patch
 * encoder over {@code imageSize} x {@code imageSize} RGB images ({@code patchSize} patches, so
 * {@code (imageSize / patchSize)^2} image tokens), a projector, and a decoder-only transformer of
 * {@code layers} pre-norm layers with {@code heads} heads of causal self-attention and a ReLU MLP.
 * Positions are learned, up to {@code maxPositions} tokens (image tokens included).
 */
public record TinyLlavaConfig(int imageSize, int patchSize, int hidden, int heads, int layers, int mlp, int vocab,
                              int maxPositions) {

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
}
