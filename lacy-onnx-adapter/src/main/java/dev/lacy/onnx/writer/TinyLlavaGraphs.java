package dev.lacy.onnx.writer;

import static dev.lacy.onnx.tiny.TinyLlavaParameters.*;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.tiny.Rotary;
import java.util.List;

/**
 * The three ONNX graphs of a lacy-tiny model, in the layout ONNX Runtime GenAI uses for multimodal
 * models:
 * <ul>
 *   <li>{@code vision}: {@code pixel_values [batch, 3, size, size]} to {@code image_features [batch, tokens, hidden]}
 *       (patches, a ReLU patch embedding, a projector, learned image-token positions, then
 *       {@code visionLayers} bidirectional pre-norm layers {@code vision.<i>.*} without LoRA);</li>
 *   <li>{@code embedding}: {@code input_ids [batch, length]} and {@code image_features [batch, k, hidden]} to
 *       {@code inputs_embeds [batch, k + length, hidden]}: the image tokens first ({@code k = 0} after the
 *       prompt), then the text (with a text window, only its last {@code keep_last [1]} positions where that input
 *       is above 0);</li>
 *   <li>{@code decoder}: {@code inputs_embeds}, {@code attention_mask [batch, total]}, {@code position_ids
 *       [batch, length]}, {@code prefix_key_values.<i>.key|value [batch, heads, prefix, head]} (a fixed cache, empty
 *       where there is none) and {@code past_key_values.<i>.key|value [batch, heads, past, head]} to {@code logits
 *       [batch, length, vocab]} and {@code present.<i>.key|value [batch, heads, past + length, head]}; {@code total} is
 *       {@code prefix + past + length}.</li>
 * </ul>
 * Every projection {@code layers.<i>.<q|k|v|o|mlp1|mlp2>} has Olive-style LoRA inputs
 * {@code <name>.lora_A [in, rank]} and {@code <name>.lora_B [rank, out]} with rank-0 defaults, so the
 * base model runs unchanged without an adapter.
 */
public final class TinyLlavaGraphs {

    private static final float EPSILON = 1e-5f;
    /**
     * The embedding graph's input (int64 {@code [1]}) of a model with a text window: how many text positions, counted
     * from the end, it maps and returns; 0 for all.
     */
    public static final String KEEP_LAST = "keep_last";
    /**
     * The decoder's inputs {@code prefix_key_values.<i>.key|value [batch, heads, prefix, head]}: a fixed cache before
     * {@code past_key_values} (a prompt's, while its completion is decoded), attended to but not copied into
     * {@code present}; empty ({@code prefix} 0) where there is none.
     */
    public static final String PREFIX = "prefix_key_values.";

    private TinyLlavaGraphs() {
    }

    public static byte[] vision(TinyLlavaWeights w) {
        TinyLlavaConfig c = w.config();
        int g = c.grid();
        int p = c.patchSize();
        var b = new OnnxGraphBuilder("vision")
                .input("pixel_values", ElementType.FLOAT, "batch", 3, c.imageSize(), c.imageSize())
                .initializer("patch_shape", new long[] {6}, new long[] {0, 3, g, p, g, p})
                .initializer("token_shape", new long[] {3}, new long[] {0, c.imageTokens(), c.patchInputs()})
                .initializer(PATCH_W, shape(c, PATCH_W), w.patchW())
                .initializer(PATCH_B, shape(c, PATCH_B), w.patchB())
                .initializer(PROJ_W, shape(c, PROJ_W), w.projW())
                .initializer(PROJ_B, shape(c, PROJ_B), w.projB())
                .initializer(IMAGE_POSITIONS, shape(c, IMAGE_POSITIONS), w.imagePositions())
                .node("Reshape", List.of("pixel_values", "patch_shape"), List.of("patches6"))
                .node("Transpose", List.of("patches6"), List.of("patches6t"), Attribute.ints("perm", 0, 2, 4, 1, 3, 5))
                .node("Reshape", List.of("patches6t", "token_shape"), List.of("patches"))
                .node("MatMul", List.of("patches", PATCH_W), List.of("pe0"))
                .node("Add", List.of("pe0", PATCH_B), List.of("pe1"))
                .node("Relu", List.of("pe1"), List.of("pe2"))
                .node("MatMul", List.of("pe2", PROJ_W), List.of("pr0"))
                .node("Add", List.of("pr0", PROJ_B), List.of("pr1"))
                .node("Add", List.of("pr1", IMAGE_POSITIONS), List.of(c.visionLayers() == 0 ? "image_features" : "v_in"));
        if (c.visionLayers() > 0) {
            b.initializer("v_scale", new long[0], new float[] {(float) (1 / Math.sqrt(c.headSize()))})
                    .initializer("v_heads_shape", new long[] {4}, new long[] {0, 0, c.heads(), c.headSize()})
                    .initializer("v_hidden_shape", new long[] {3}, new long[] {0, 0, c.hidden()});
            String x = "v_in";
            for (int i = 0; i < c.visionLayers(); i++) {
                x = encoderLayer(b, w.visionLayers().get(i), c, visionLayer(i), x);
            }
            b.node("Identity", List.of(x), List.of("image_features"));
        }
        return b.output("image_features", ElementType.FLOAT, "batch", c.imageTokens(), c.hidden()).build();
    }

    /** A bidirectional pre-norm layer: every image token attends to every other, no cache, no LoRA. */
    private static String encoderLayer(OnnxGraphBuilder b, TinyLlavaWeights.Layer l, TinyLlavaConfig c, String p, String x) {
        b.initializer(p + LN1_GAMMA, shape(c, p + LN1_GAMMA), l.ln1Gamma())
                .initializer(p + LN1_BETA, shape(c, p + LN1_BETA), l.ln1Beta())
                .node("LayerNormalization", List.of(x, p + LN1_GAMMA, p + LN1_BETA), List.of(p + "h"),
                        Attribute.of("axis", -1L), Attribute.of("epsilon", EPSILON));
        for (String name : List.of("q", "k", "v")) {
            b.initializer(p + matrix(name), shape(c, p + matrix(name)), l.matrix(name))
                    .node("MatMul", List.of(p + "h", p + matrix(name)), List.of(p + name))
                    .node("Reshape", List.of(p + name, "v_heads_shape"), List.of(p + name + "_heads"))
                    .node("Transpose", List.of(p + name + "_heads"), List.of(p + name + "_t"), Attribute.ints("perm", 0, 2, 1, 3));
        }
        b.node("Transpose", List.of(p + "k_t"), List.of(p + "keys_t"), Attribute.ints("perm", 0, 1, 3, 2))
                .node("MatMul", List.of(p + "q_t", p + "keys_t"), List.of(p + "scores_raw"))
                .node("Mul", List.of(p + "scores_raw", "v_scale"), List.of(p + "scores"))
                .node("Softmax", List.of(p + "scores"), List.of(p + "weights"), Attribute.of("axis", -1L))
                .node("MatMul", List.of(p + "weights", p + "v_t"), List.of(p + "context_heads"))
                .node("Transpose", List.of(p + "context_heads"), List.of(p + "context_t"), Attribute.ints("perm", 0, 2, 1, 3))
                .node("Reshape", List.of(p + "context_t", "v_hidden_shape"), List.of(p + "context"))
                .initializer(p + matrix("o"), shape(c, p + matrix("o")), l.o())
                .node("MatMul", List.of(p + "context", p + matrix("o")), List.of(p + "o"))
                .node("Add", List.of(x, p + "o"), List.of(p + "x_attn"));
        return mlp(b, l, c, p, p + "x_attn", p + matrix("mlp1"), p + matrix("mlp2"), false);
    }

    /** The pre-norm ReLU MLP block and its residual: {@code x + W2 relu(W1 LN(x) + b1) + b2}. */
    private static String mlp(OnnxGraphBuilder b, TinyLlavaWeights.Layer l, TinyLlavaConfig c, String p, String x,
                              String mlp1, String mlp2, boolean lora) {
        b.initializer(p + LN2_GAMMA, shape(c, p + LN2_GAMMA), l.ln2Gamma())
                .initializer(p + LN2_BETA, shape(c, p + LN2_BETA), l.ln2Beta())
                .node("LayerNormalization", List.of(x, p + LN2_GAMMA, p + LN2_BETA), List.of(p + "h2"),
                        Attribute.of("axis", -1L), Attribute.of("epsilon", EPSILON));
        String m1 = lora ? projection(b, mlp1, p + "h2", c.hidden(), c.mlp(), l.mlp1())
                : plain(b, mlp1, p + "h2", c.hidden(), c.mlp(), l.mlp1());
        b.initializer(p + MLP1_BIAS, shape(c, p + MLP1_BIAS), l.mlp1Bias())
                .node("Add", List.of(m1, p + MLP1_BIAS), List.of(p + "m1b"))
                .node("Relu", List.of(p + "m1b"), List.of(p + "m1r"));
        String m2 = lora ? projection(b, mlp2, p + "m1r", c.mlp(), c.hidden(), l.mlp2())
                : plain(b, mlp2, p + "m1r", c.mlp(), c.hidden(), l.mlp2());
        b.initializer(p + MLP2_BIAS, shape(c, p + MLP2_BIAS), l.mlp2Bias())
                .node("Add", List.of(m2, p + MLP2_BIAS), List.of(p + "m2b"))
                .node("Add", List.of(x, p + "m2b"), List.of(p + "x_out"));
        return p + "x_out";
    }

    private static String plain(OnnxGraphBuilder b, String weightName, String x, int in, int out, float[] weight) {
        b.initializer(weightName, new long[] {in, out}, weight)
                .node("MatMul", List.of(x, weightName), List.of(weightName + "_out"));
        return weightName + "_out";
    }

    /**
     * With a text window ({@link TinyLlavaConfig#textMix()}), each text token's embedding gains
     * {@code [e(t-1), ..., e(t-w+1)] text_mix} over the tokens of the same {@code input_ids} (zeros before
     * the first): a caller embedding one new token passes the last {@code textWindow} ids and {@link #KEEP_LAST} 1, and
     * gets that token's row alone (the window's other rows are not computed again).
     */
    public static byte[] embedding(TinyLlavaWeights w) {
        TinyLlavaConfig c = w.config();
        var b = new OnnxGraphBuilder("embedding")
                .input("input_ids", ElementType.INT64, "batch", "length")
                .input("image_features", ElementType.FLOAT, "batch", "image_tokens", c.hidden())
                .initializer(TOKEN_EMBEDDING, shape(c, TOKEN_EMBEDDING), w.tokenEmbedding())
                .node("Gather", List.of(TOKEN_EMBEDDING, "input_ids"), List.of(c.textMix() ? "tokens" : "text"));
        if (c.textMix()) {
            int before = c.textWindow() - 1;
            long[] back = new long[before];
            for (int k = 1; k <= before; k++) {
                back[k - 1] = before - k; // e(t - k) sits at t + before - k once `before` zero rows lead
            }
            // only the last keep_last positions are mapped and returned (0: all): a decoding step needs its new token's
            // row, not the window's other rows again. An input without a default: ONNX Runtime's Java API feeds only
            // the inputs a session lists, and it does not list those with a default
            b.input(KEEP_LAST, ElementType.INT64, 1)
                    .initializer("axis_1", new long[] {1}, new long[] {1})
                    .initializer("zero_1", new long[] {1}, new long[] {0})
                    .initializer("one", new long[0], new long[] {1})
                    .initializer("zero", new long[0], new long[] {0})
                    .initializer("length_axis", new long[0], new long[] {1})
                    .initializer("kept_end", new long[] {1}, new long[] {Long.MAX_VALUE})
                    .initializer("window_pads", new long[] {6}, new long[] {0, before, 0, 0, 0, 0})
                    .initializer("window_back", new long[] {before}, back)
                    .initializer("window_shape", new long[] {3}, new long[] {0, 0, (long) before * c.hidden()})
                    .node("Neg", List.of(KEEP_LAST), List.of("kept_start"))
                    .node("Shape", List.of("input_ids"), List.of("ids_shape"))
                    .node("Gather", List.of("ids_shape", "length_axis"), List.of("length"))
                    .node("Range", List.of("zero", "length", "one"), List.of("positions"))
                    .node("Slice", List.of("positions", "kept_start", "kept_end", "zero_1"), List.of("kept_positions"))
                    .node("Unsqueeze", List.of("kept_positions", "axis_1"), List.of("kept_column"))
                    // [kept, w - 1] rows of the padded tokens: e(t - 1), ..., e(t - w + 1) of each kept position t
                    .node("Add", List.of("kept_column", "window_back"), List.of("window_rows"))
                    .node("Pad", List.of("tokens", "window_pads"), List.of("padded_tokens"))
                    .node("Gather", List.of("padded_tokens", "window_rows"), List.of("window_blocks"), Attribute.of("axis", 1L))
                    .node("Reshape", List.of("window_blocks", "window_shape"), List.of("window_kept"))
                    .node("Slice", List.of("tokens", "kept_start", "kept_end", "axis_1"), List.of("tokens_kept"));
            // the window's map takes LoRA inputs too: an adapter may carry its change (an embedding adapter)
            String mixed = projection(b, TEXT_MIX, "window_kept", c.textMixRows(), c.hidden(), w.textMix(), TEXT_MIX);
            b.node("Add", List.of("tokens_kept", mixed), List.of("text"));
        }
        return b.node("Concat", List.of("image_features", "text"), List.of("inputs_embeds"), Attribute.of("axis", 1L))
                .output("inputs_embeds", ElementType.FLOAT, "batch", "total", c.hidden())
                .build();
    }

    public static byte[] decoder(TinyLlavaWeights w) {
        TinyLlavaConfig c = w.config();
        int d = c.hidden();
        var b = new OnnxGraphBuilder("decoder")
                .input("inputs_embeds", ElementType.FLOAT, "batch", "length", d)
                .input("attention_mask", ElementType.INT64, "batch", "total")
                .input("position_ids", ElementType.INT64, "batch", "length");
        for (int i = 0; i < c.layers(); i++) {
            b.input("past_key_values." + i + ".key", ElementType.FLOAT, "batch", c.heads(), "past", c.headSize());
            b.input("past_key_values." + i + ".value", ElementType.FLOAT, "batch", c.heads(), "past", c.headSize());
            b.input(PREFIX + i + ".key", ElementType.FLOAT, "batch", c.heads(), "prefix", c.headSize());
            b.input(PREFIX + i + ".value", ElementType.FLOAT, "batch", c.heads(), "prefix", c.headSize());
        }
        // the prefix's slots: where a step's attention weights split between the prefix's values and the cached ones
        b.initializer("axes3", new long[] {1}, new long[] {3})
                .initializer("zero_1d", new long[] {1}, new long[] {0})
                .initializer("end_1d", new long[] {1}, new long[] {Long.MAX_VALUE})
                .initializer("two_1d", new long[] {1}, new long[] {2})
                .node("Shape", List.of(PREFIX + "0.key"), List.of("prefix_shape"))
                .node("Gather", List.of("prefix_shape", "two_1d"), List.of("prefix_length"));
        b.initializer(POSITION_EMBEDDING, shape(c, POSITION_EMBEDDING), w.positionEmbedding())
                .initializer("zero_i", new long[0], new long[] {0})
                .initializer("one_i", new long[0], new long[] {1})
                .initializer("axis1", new long[0], new long[] {1})
                .initializer("axes1", new long[] {1}, new long[] {1})
                .initializer("axes2", new long[] {1}, new long[] {2})
                .initializer("zero_f", new long[0], new float[] {0})
                .initializer("masked_f", new long[0], new float[] {-1e9f})
                .initializer("scale", new long[0], new float[] {(float) (1 / Math.sqrt(c.headSize()))})
                .initializer("heads_shape", new long[] {4}, new long[] {0, 0, c.heads(), c.headSize()})
                .initializer("hidden_shape", new long[] {3}, new long[] {0, 0, d})
                .node("Gather", List.of(POSITION_EMBEDDING, "position_ids"), List.of("positions"))
                .node("Add", List.of("inputs_embeds", "positions"), List.of("x_in"));
        if (c.rotary()) {
            // [batch, 1, length, headSize] tables of the query positions, shared by every layer and head
            b.initializer("rope_cos", new long[] {c.maxPositions(), c.headSize()}, Rotary.cos(c))
                    .initializer("rope_sin", new long[] {c.maxPositions(), c.headSize()}, Rotary.sin(c))
                    .initializer("rope_rotate_half", new long[] {c.headSize(), c.headSize()}, Rotary.rotateHalf(c))
                    .node("Gather", List.of("rope_cos", "position_ids"), List.of("rope_cos_rows"))
                    .node("Unsqueeze", List.of("rope_cos_rows", "axes1"), List.of("rope_cos_heads"))
                    .node("Gather", List.of("rope_sin", "position_ids"), List.of("rope_sin_rows"))
                    .node("Unsqueeze", List.of("rope_sin_rows", "axes1"), List.of("rope_sin_heads"));
        }
        b
                // causal mask over absolute positions, and the attention mask
                .node("Shape", List.of("attention_mask"), List.of("mask_shape"))
                .node("Gather", List.of("mask_shape", "axis1"), List.of("total"))
                .node("Range", List.of("zero_i", "total", "one_i"), List.of("key_positions"))
                // a query sits in the last `length` slots; it sees the slots up to its own (slots, not position ids, so
                // that a batch may hold sequences of different lengths, padded: decoder.paddedBatches)
                .node("Shape", List.of("inputs_embeds"), List.of("embeds_shape"))
                .node("Gather", List.of("embeds_shape", "axis1"), List.of("new_length"))
                .node("Sub", List.of("total", "new_length"), List.of("first_query_slot"))
                .node("Range", List.of("first_query_slot", "total", "one_i"), List.of("query_slot_range"))
                .node("Unsqueeze", List.of("query_slot_range", "axes1"), List.of("query_slots"))
                .node("LessOrEqual", List.of("key_positions", "query_slots"), List.of("causal"))
                .node("Cast", List.of("attention_mask"), List.of("mask_bool"), Attribute.of("to", (long) ElementType.BOOL.code()))
                .node("Unsqueeze", List.of("mask_bool", "axes1"), List.of("mask_rows"))
                .node("And", List.of("causal", "mask_rows"), List.of("allowed"))
                .node("Unsqueeze", List.of("allowed", "axes1"), List.of("allowed_heads"))
                .node("Where", List.of("allowed_heads", "zero_f", "masked_f"), List.of("attention_bias"));
        String x = "x_in";
        for (int i = 0; i < c.layers(); i++) {
            x = layer(b, w, i, x);
        }
        b.initializer(FINAL_GAMMA, shape(c, FINAL_GAMMA), w.finalGamma())
                .initializer(FINAL_BETA, shape(c, FINAL_BETA), w.finalBeta())
                .initializer(LM_HEAD, shape(c, LM_HEAD), w.lmHead())
                .node("LayerNormalization", List.of(x, FINAL_GAMMA, FINAL_BETA), List.of("final"),
                        Attribute.of("axis", -1L), Attribute.of("epsilon", EPSILON))
                .node("MatMul", List.of("final", LM_HEAD), List.of("logits"))
                .output("logits", ElementType.FLOAT, "batch", "length", c.vocab());
        for (int i = 0; i < c.layers(); i++) {
            b.output("present." + i + ".key", ElementType.FLOAT, "batch", c.heads(), "cached", c.headSize());
            b.output("present." + i + ".value", ElementType.FLOAT, "batch", c.heads(), "cached", c.headSize());
        }
        return b.build();
    }

    private static String layer(OnnxGraphBuilder b, TinyLlavaWeights w, int i, String x) {
        TinyLlavaConfig c = w.config();
        TinyLlavaWeights.Layer l = w.layers().get(i);
        String p = decoderLayer(i);
        b.initializer(p + LN1_GAMMA, shape(c, p + LN1_GAMMA), l.ln1Gamma())
                .initializer(p + LN1_BETA, shape(c, p + LN1_BETA), l.ln1Beta())
                .node("LayerNormalization", List.of(x, p + LN1_GAMMA, p + LN1_BETA), List.of(p + "h"),
                        Attribute.of("axis", -1L), Attribute.of("epsilon", EPSILON));
        String q = projection(b, p + "q", p + "h", c.hidden(), c.hidden(), l.q());
        String k = projection(b, p + "k", p + "h", c.hidden(), c.hidden(), l.k());
        String v = projection(b, p + "v", p + "h", c.hidden(), c.hidden(), l.v());
        for (String name : List.of("q", "k", "v")) {
            String source = name.equals("q") ? q : name.equals("k") ? k : v;
            b.node("Reshape", List.of(source, "heads_shape"), List.of(p + name + "_heads"))
                    .node("Transpose", List.of(p + name + "_heads"), List.of(p + name + "_t"), Attribute.ints("perm", 0, 2, 1, 3));
        }
        String queries = p + "q_t";
        String keys = p + "k_t";
        if (c.rotary()) {
            // the cache holds rotated keys, as in Llama: each key keeps the rotation of its own position
            queries = rotate(b, p + "q_t");
            keys = rotate(b, p + "k_t");
        }
        // the slots are the prefix's (fixed: a prompt's cache, never copied again), then the past's and the new ones
        // (present = past + new, the only cache copied each step); scored and weighted apart, softmax over them all
        String prefixKey = PREFIX + i + ".key";
        String prefixValue = PREFIX + i + ".value";
        b.node("Concat", List.of("past_key_values." + i + ".key", keys), List.of("present." + i + ".key"), Attribute.of("axis", 2L))
                .node("Concat", List.of("past_key_values." + i + ".value", p + "v_t"), List.of("present." + i + ".value"),
                        Attribute.of("axis", 2L))
                .node("Transpose", List.of(prefixKey), List.of(p + "prefix_keys_t"), Attribute.ints("perm", 0, 1, 3, 2))
                .node("MatMul", List.of(queries, p + "prefix_keys_t"), List.of(p + "prefix_scores_raw"))
                .node("Transpose", List.of("present." + i + ".key"), List.of(p + "keys_t"), Attribute.ints("perm", 0, 1, 3, 2))
                .node("MatMul", List.of(queries, p + "keys_t"), List.of(p + "cached_scores_raw"))
                .node("Concat", List.of(p + "prefix_scores_raw", p + "cached_scores_raw"), List.of(p + "scores_raw"),
                        Attribute.of("axis", 3L))
                .node("Mul", List.of(p + "scores_raw", "scale"), List.of(p + "scores_scaled"))
                .node("Add", List.of(p + "scores_scaled", "attention_bias"), List.of(p + "scores"))
                .node("Softmax", List.of(p + "scores"), List.of(p + "weights"), Attribute.of("axis", -1L))
                .node("Slice", List.of(p + "weights", "zero_1d", "prefix_length", "axes3"), List.of(p + "prefix_weights"))
                .node("Slice", List.of(p + "weights", "prefix_length", "end_1d", "axes3"), List.of(p + "cached_weights"))
                .node("MatMul", List.of(p + "prefix_weights", prefixValue), List.of(p + "prefix_context"))
                .node("MatMul", List.of(p + "cached_weights", "present." + i + ".value"), List.of(p + "cached_context"))
                .node("Add", List.of(p + "prefix_context", p + "cached_context"), List.of(p + "context_heads"))
                .node("Transpose", List.of(p + "context_heads"), List.of(p + "context_t"), Attribute.ints("perm", 0, 2, 1, 3))
                .node("Reshape", List.of(p + "context_t", "hidden_shape"), List.of(p + "context"));
        String o = projection(b, p + "o", p + "context", c.hidden(), c.hidden(), l.o());
        b.node("Add", List.of(x, o), List.of(p + "x_attn"));
        return mlp(b, l, c, p, p + "x_attn", p + "mlp1", p + "mlp2", true);
    }

    /** {@code x cos + (x R) sin} for {@code x [batch, heads, length, headSize]}. */
    private static String rotate(OnnxGraphBuilder b, String x) {
        b.node("MatMul", List.of(x, "rope_rotate_half"), List.of(x + "_half"))
                .node("Mul", List.of(x, "rope_cos_heads"), List.of(x + "_cos"))
                .node("Mul", List.of(x + "_half", "rope_sin_heads"), List.of(x + "_sin"))
                .node("Add", List.of(x + "_cos", x + "_sin"), List.of(x + "_rotated"));
        return x + "_rotated";
    }

    /** {@code x W + (x A) B}, with A and B overridable inputs of rank 0 by default. */
    private static String projection(OnnxGraphBuilder b, String name, String x, int in, int out, float[] weight) {
        return projection(b, name, x, in, out, weight, matrix(name));
    }

    private static String projection(OnnxGraphBuilder b, String name, String x, int in, int out, float[] weight,
                                     String weightName) {
        b.initializer(weightName, new long[] {in, out}, weight)
                // each projection's rank is its own symbol: ONNX Runtime equates dimensions of one name
                .input(loraA(name), ElementType.FLOAT, in, name + ".rank")
                .initializer(loraA(name), new long[] {in, 0}, new float[0])
                .input(loraB(name), ElementType.FLOAT, name + ".rank", out)
                .initializer(loraB(name), new long[] {0, out}, new float[0])
                .node("MatMul", List.of(x, weightName), List.of(name + "_base"))
                .node("MatMul", List.of(x, loraA(name)), List.of(name + "_xa"))
                .node("MatMul", List.of(name + "_xa", loraB(name)), List.of(name + "_delta"))
                .node("Add", List.of(name + "_base", name + "_delta"), List.of(name + "_out"));
        return name + "_out";
    }
}
