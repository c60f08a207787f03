package dev.lacy.onnx.tiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of lacy-tiny's parameters: their names (the ONNX graphs' initializer names, the trainer's parameter
 * and checkpoint names), their shapes for a configuration, and the weights by name. The ONNX graphs
 * ({@code TinyLlavaGraphs}), the DJL network the trainer trains and the tests' reference forward pass all read the
 * model through this table and {@link TinyLlavaWeights}, so a name or a shape is written once.
 */
public final class TinyLlavaParameters {

    /** The patch embedding of the vision encoder: {@code [patchInputs, hidden]} and its bias. */
    public static final String PATCH_W = "patch_w";
    public static final String PATCH_B = "patch_b";
    /** The projector from image features to the decoder's width. */
    public static final String PROJ_W = "proj_w";
    public static final String PROJ_B = "proj_b";
    /** Learned positions of the image tokens. */
    public static final String IMAGE_POSITIONS = "image_positions";
    public static final String TOKEN_EMBEDDING = "token_embedding";
    /** The text window's map: each offset's {@code [hidden, hidden]} matrix, stacked. */
    public static final String TEXT_MIX = "text_mix";
    public static final String POSITION_EMBEDDING = "position_embedding";
    public static final String FINAL_GAMMA = "final_gamma";
    public static final String FINAL_BETA = "final_beta";
    public static final String LM_HEAD = "lm_head";
    /** A layer's norms and biases, after the layer's prefix; its matrices are {@link #matrix}{@code (q k v o mlp1 mlp2)}. */
    public static final String LN1_GAMMA = "ln1_gamma";
    public static final String LN1_BETA = "ln1_beta";
    public static final String LN2_GAMMA = "ln2_gamma";
    public static final String LN2_BETA = "ln2_beta";
    public static final String MLP1_BIAS = "mlp1_bias";
    public static final String MLP2_BIAS = "mlp2_bias";
    /** The parts of one transformer layer, in the order of {@link TinyLlavaWeights.Layer}'s components. */
    public static final List<String> LAYER_PARTS = List.of(LN1_GAMMA, LN1_BETA, matrix("q"), matrix("k"), matrix("v"),
            matrix("o"), LN2_GAMMA, LN2_BETA, matrix("mlp1"), MLP1_BIAS, matrix("mlp2"), MLP2_BIAS);

    private TinyLlavaParameters() {
    }

    /** The prefix of decoder layer {@code i}'s parameters. */
    public static String decoderLayer(int i) {
        return "layers." + i + ".";
    }

    /** The prefix of vision encoder layer {@code i}'s parameters. */
    public static String visionLayer(int i) {
        return "vision." + i + ".";
    }

    /** The weight of a layer's projection {@code q k v o mlp1 mlp2} (a LoRA target), after the layer's prefix. */
    public static String matrix(String projection) {
        return projection + ".weight";
    }

    /** The LoRA pair of a matrix multiplication: {@code <matmul>.lora_A [in, rank]}, {@code <matmul>.lora_B [rank, out]}. */
    public static String loraA(String matmul) {
        return matmul + ".lora_A";
    }

    public static String loraB(String matmul) {
        return matmul + ".lora_B";
    }

    /** Every weight by name, in a fixed order. */
    public static Map<String, float[]> toMap(TinyLlavaWeights w) {
        var map = new LinkedHashMap<String, float[]>();
        map.put(PATCH_W, w.patchW());
        map.put(PATCH_B, w.patchB());
        map.put(PROJ_W, w.projW());
        map.put(PROJ_B, w.projB());
        map.put(IMAGE_POSITIONS, w.imagePositions());
        for (int i = 0; i < w.visionLayers().size(); i++) {
            putLayer(map, visionLayer(i), w.visionLayers().get(i));
        }
        map.put(TOKEN_EMBEDDING, w.tokenEmbedding());
        if (w.config().textMix()) {
            map.put(TEXT_MIX, w.textMix());
        }
        map.put(POSITION_EMBEDDING, w.positionEmbedding());
        for (int i = 0; i < w.layers().size(); i++) {
            putLayer(map, decoderLayer(i), w.layers().get(i));
        }
        map.put(FINAL_GAMMA, w.finalGamma());
        map.put(FINAL_BETA, w.finalBeta());
        map.put(LM_HEAD, w.lmHead());
        return map;
    }

    private static void putLayer(Map<String, float[]> map, String prefix, TinyLlavaWeights.Layer l) {
        float[][] parts = {l.ln1Gamma(), l.ln1Beta(), l.q(), l.k(), l.v(), l.o(), l.ln2Gamma(), l.ln2Beta(), l.mlp1(),
            l.mlp1Bias(), l.mlp2(), l.mlp2Bias()};
        for (int j = 0; j < parts.length; j++) {
            map.put(prefix + LAYER_PARTS.get(j), parts[j]);
        }
    }

    /** The weights of configuration {@code c} from their names, as {@link #toMap} writes them. */
    public static TinyLlavaWeights fromMap(TinyLlavaConfig c, Map<String, float[]> m) {
        var layers = new ArrayList<TinyLlavaWeights.Layer>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(layer(m, decoderLayer(i)));
        }
        var vision = new ArrayList<TinyLlavaWeights.Layer>();
        for (int i = 0; i < c.visionLayers(); i++) {
            vision.add(layer(m, visionLayer(i)));
        }
        return new TinyLlavaWeights(c, m.get(PATCH_W), m.get(PATCH_B), m.get(PROJ_W), m.get(PROJ_B),
                m.get(IMAGE_POSITIONS), m.get(TOKEN_EMBEDDING), m.get(POSITION_EMBEDDING), layers,
                m.get(FINAL_GAMMA), m.get(FINAL_BETA), m.get(LM_HEAD), vision,
                c.textMix() ? m.get(TEXT_MIX) : new float[0]);
    }

    private static TinyLlavaWeights.Layer layer(Map<String, float[]> m, String prefix) {
        float[][] v = new float[LAYER_PARTS.size()][];
        for (int j = 0; j < v.length; j++) {
            v[j] = m.get(prefix + LAYER_PARTS.get(j));
        }
        return new TinyLlavaWeights.Layer(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    /** The shape of the parameter {@code name} in configuration {@code c}. */
    public static long[] shape(TinyLlavaConfig c, String name) {
        long d = c.hidden();
        return switch (name) {
            case PATCH_W -> new long[] {c.patchInputs(), d};
            case PROJ_W -> new long[] {d, d};
            case IMAGE_POSITIONS -> new long[] {c.imageTokens(), d};
            case TOKEN_EMBEDDING -> new long[] {c.vocab(), d};
            case TEXT_MIX -> new long[] {c.textMixRows(), d};
            case POSITION_EMBEDDING -> new long[] {c.maxPositions(), d};
            case LM_HEAD -> new long[] {d, c.vocab()};
            case PATCH_B, PROJ_B, FINAL_GAMMA, FINAL_BETA -> new long[] {d};
            default -> layerShape(c, name.substring(name.indexOf('.', name.indexOf('.') + 1) + 1));
        };
    }

    private static long[] layerShape(TinyLlavaConfig c, String part) {
        long d = c.hidden();
        return switch (part) {
            case "q.weight", "k.weight", "v.weight", "o.weight" -> new long[] {d, d};
            case "mlp1.weight" -> new long[] {d, c.mlp()};
            case "mlp2.weight" -> new long[] {c.mlp(), d};
            case MLP1_BIAS -> new long[] {c.mlp()};
            case LN1_GAMMA, LN1_BETA, LN2_GAMMA, LN2_BETA, MLP2_BIAS -> new long[] {d};
            default -> throw new IllegalArgumentException("'" + part + "' is no lacy-tiny layer parameter");
        };
    }

    /**
     * {@code w} with a text window of {@code window} tokens, computing the same as {@code w}: the window's map keeps
     * its offsets and gains zero maps for the new ones. {@code w} itself when its window is that wide already.
     */
    public static TinyLlavaWeights withTextWindow(TinyLlavaWeights w, int window) {
        TinyLlavaConfig c = w.config();
        if (window <= Math.max(1, c.textWindow())) {
            return w;
        }
        var wide = new TinyLlavaConfig(c.imageSize(), c.patchSize(), c.hidden(), c.heads(), c.layers(), c.mlp(), c.vocab(),
                c.maxPositions(), c.visionLayers(), c.ropeBase(), window);
        Map<String, float[]> map = toMap(w);
        float[] mix = new float[wide.textMixRows() * c.hidden()];
        // offset k's map is rows (k - 1) hidden to k hidden: the base's offsets come first
        System.arraycopy(w.textMix(), 0, mix, 0, w.textMix().length);
        map.put(TEXT_MIX, mix);
        return fromMap(wide, map);
    }
}
