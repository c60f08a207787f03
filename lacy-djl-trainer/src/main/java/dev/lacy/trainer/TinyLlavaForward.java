package dev.lacy.trainer;

import static dev.lacy.onnx.tiny.TinyLlavaParameters.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import dev.lacy.onnx.tiny.TinyLlavaConfig;

/**
 * lacy-tiny's forward pass as DJL operations over a {@link TinyLlavaNetwork}'s parameters (base, LoRA pairs scaled by
 * alpha / r, the adapter's change to the text window's map, the dense heads): the vision encoder, the text embedding,
 * the decoder, and the training-only dense heads. It computes what the exported ONNX graphs compute.
 */
final class TinyLlavaForward {

    private final TinyLlavaNetwork network;

    TinyLlavaForward(TinyLlavaNetwork network) {
        this.network = network;
    }

    private NDArray base(String name) {
        return network.baseParameters().get(name);
    }

    /** {@code [batch, tokens, hidden]} image features of {@code [batch, 3, size, size]} pixel values. */
    NDArray vision(NDArray pixels) {
        TinyLlavaConfig c = network.config();
        int g = c.grid();
        int p = c.patchSize();
        long batch = pixels.getShape().get(0);
        NDArray patches = pixels.reshape(batch, 3, g, p, g, p).transpose(0, 2, 4, 1, 3, 5)
                .reshape(batch, c.imageTokens(), c.patchInputs());
        NDArray e = Activation.relu(patches.matMul(base(PATCH_W)).add(base(PATCH_B)));
        NDArray x = e.matMul(base(PROJ_W)).add(base(PROJ_B)).add(base(IMAGE_POSITIONS));
        for (int i = 0; i < c.visionLayers(); i++) {
            x = layer(x, visionLayer(i), false, null);
        }
        return x;
    }

    /**
     * Text embeddings {@code [batch, length, hidden]} of token ids {@code [batch, length]} (int64); with a
     * text window, each plus {@code [e(t-1), ..., e(t-w+1)] text_mix} (zeros before the first token), as
     * the exported embedding graph computes it.
     */
    NDArray embed(NDArray ids) {
        NDArray tokens = Embedding.embedding(ids, base(TOKEN_EMBEDDING), ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
        if (!network.config().textMix()) {
            return tokens;
        }
        NDArray mix = base(TEXT_MIX);
        NDArray source = tokens;
        if (mix == null) {
            // factored (factorTextMix, refactorTextMix): the same sum, through the shared down-projection
            source = tokens.matMul(base("text_mix_down"));
            mix = base("text_mix_up");
        }
        NDArray window = shiftedWindow(source);
        if (network.windowDelta().isEmpty()) {
            return tokens.add(window.matMul(mix));
        }
        if (source == tokens) {
            // one product with the changed map: about a tenth faster to train than two products
            return tokens.add(window.matMul(mix.add(network.windowDelta().get())));
        }
        return tokens.add(window.matMul(mix)).add(shiftedWindow(tokens).matMul(network.windowDelta().get()));
    }

    /** {@code [x(t-1), ..., x(t-w+1)]} of every position of {@code tokens}, zeros before the first. */
    private NDArray shiftedWindow(NDArray tokens) {
        long batch = tokens.getShape().get(0);
        long length = tokens.getShape().get(1);
        long width = tokens.getShape().get(2);
        var shifted = new NDList();
        for (int k = 1; k < network.config().textWindow(); k++) {
            NDArray zeros = tokens.getManager().zeros(new Shape(batch, Math.min(k, length), width));
            shifted.add(k >= length ? zeros : NDArrays.concat(new NDList(zeros, tokens.get(":, 0:" + (length - k))), 1));
        }
        return NDArrays.concat(shifted, 2);
    }

    /**
     * Logits {@code [batch, total, vocab]} for image features followed by text embeddings, position
     * {@code i} at {@code i}, for positions {@code from} (inclusive) to {@code to} (exclusive). Each position attends
     * to itself and those before it: a sequence padded at its end gets at its own positions what it gets alone.
     */
    NDArray decode(NDArray imageFeatures, NDArray text, long from, long to) {
        NDArray x = NDArrays.concat(new NDList(imageFeatures, text), 1);
        long total = x.getShape().get(1);
        x = x.add(base(POSITION_EMBEDDING).get("0:" + total));
        NDList rope = null;
        if (network.config().rotary()) {
            Shape rows = new Shape(1, 1, total, network.config().headSize());
            var tables = network.rotaryTables();
            rope = new NDList(tables.get("cos").get("0:" + total).reshape(rows), tables.get("sin").get("0:" + total).reshape(rows));
        }
        for (int i = 0; i < network.config().layers(); i++) {
            x = layer(x, decoderLayer(i), true, rope);
        }
        NDArray h = norm(x.get(":, " + from + ":" + to), FINAL_GAMMA, FINAL_BETA);
        return h.matMul(base(LM_HEAD));
    }

    /**
     * Dense heads over image features: class logits {@code [batch, tokens, classes]}, offsets in the
     * cell {@code [batch, tokens, 2]}, and logits of the absolute x and y {@code [batch, tokens, 101]}.
     */
    NDList denseHeads(NDArray imageFeatures) {
        var dense = network.denseParameters();
        NDArray classes = imageFeatures.matMul(dense.get("dense.class_w")).add(dense.get("dense.class_b"));
        NDArray offsets = imageFeatures.matMul(dense.get("dense.offset_w")).add(dense.get("dense.offset_b"));
        NDArray x = imageFeatures.matMul(dense.get("dense.x_w")).add(dense.get("dense.x_b"));
        NDArray y = imageFeatures.matMul(dense.get("dense.y_w")).add(dense.get("dense.y_b"));
        return new NDList(classes, offsets, x, y);
    }

    /**
     * One pre-norm layer; {@code causal} attends to each position and those before it (the decoder, through
     * {@link CausalAttention}), otherwise everywhere (the vision encoder); {@code rope} (cosines and sines
     * {@code [1, 1, length, headSize]}) rotates queries and keys by position.
     */
    private NDArray layer(NDArray x, String p, boolean causal, NDList rope) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int heads = network.config().heads();
        int hs = network.config().headSize();
        NDArray h = norm(x, p + LN1_GAMMA, p + LN1_BETA);
        NDArray q = project(h, p + "q").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        NDArray k = project(h, p + "k").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        NDArray v = project(h, p + "v").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        if (rope != null) {
            q = rotate(q, rope);
            k = rotate(k, rope);
        }
        NDArray attention = causal
                ? CausalAttention.of(q, k, v)
                // the queries scaled, not the scores: [length, headSize] numbers instead of [length, length]
                : TorchScalars.mul(q, 1 / Math.sqrt(hs)).matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v);
        NDArray context = attention.transpose(0, 2, 1, 3).reshape(batch, length, network.config().hidden());
        NDArray attended = x.add(project(context, p + "o"));
        NDArray h2 = norm(attended, p + LN2_GAMMA, p + LN2_BETA);
        NDArray m1 = Activation.relu(project(h2, p + "mlp1").add(base(p + MLP1_BIAS)));
        return attended.add(project(m1, p + "mlp2").add(base(p + MLP2_BIAS)));
    }

    /** {@code x cos + rotateHalf(x) sin}, as {@code Rotary} and the exported graph compute it. */
    private NDArray rotate(NDArray x, NDList rope) {
        return x.mul(rope.get(0)).add(x.matMul(network.rotaryTables().get("half")).mul(rope.get(1)));
    }

    private NDArray project(NDArray x, String name) {
        NDArray out = x.matMul(base(matrix(name)));
        NDArray a = network.loraParameters().get(loraA(name));
        if (a != null) {
            // scaled at the rank: [length, r] numbers instead of [length, out]
            out = out.add(TorchScalars.mul(x.matMul(a), network.loraScale()).matMul(network.loraParameters().get(loraB(name))));
        }
        return out;
    }

    private NDArray norm(NDArray x, String gamma, String beta) {
        return LayerNorm.layerNorm(x, new Shape(network.config().hidden()), base(gamma), base(beta), TinyLlavaNetwork.EPSILON)
                .singletonOrThrow();
    }
}
