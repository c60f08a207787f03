package dev.lacy.trainer;

import ai.djl.ndarray.types.Shape;
import dev.lacy.onnx.writer.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** lacy-tiny weights by their graph initializer names, and the shape of each. */
final class WeightMaps {

    private static final List<String> LAYER_PARTS = List.of("ln1_gamma", "ln1_beta", "q.weight", "k.weight", "v.weight",
            "o.weight", "ln2_gamma", "ln2_beta", "mlp1.weight", "mlp1_bias", "mlp2.weight", "mlp2_bias");

    private WeightMaps() {
    }

    static Map<String, float[]> toMap(TinyLlavaWeights w) {
        var map = new LinkedHashMap<String, float[]>();
        map.put("patch_w", w.patchW());
        map.put("patch_b", w.patchB());
        map.put("proj_w", w.projW());
        map.put("proj_b", w.projB());
        map.put("image_positions", w.imagePositions());
        for (int i = 0; i < w.visionLayers().size(); i++) {
            putLayer(map, "vision." + i + ".", w.visionLayers().get(i));
        }
        map.put("token_embedding", w.tokenEmbedding());
        if (w.config().textMix()) {
            map.put("text_mix", w.textMix());
        }
        map.put("position_embedding", w.positionEmbedding());
        for (int i = 0; i < w.layers().size(); i++) {
            putLayer(map, "layers." + i + ".", w.layers().get(i));
        }
        map.put("final_gamma", w.finalGamma());
        map.put("final_beta", w.finalBeta());
        map.put("lm_head", w.lmHead());
        return map;
    }

    private static void putLayer(Map<String, float[]> map, String p, TinyLlavaWeights.Layer l) {
        float[][] parts = {l.ln1Gamma(), l.ln1Beta(), l.q(), l.k(), l.v(), l.o(), l.ln2Gamma(), l.ln2Beta(), l.mlp1(),
            l.mlp1Bias(), l.mlp2(), l.mlp2Bias()};
        for (int j = 0; j < parts.length; j++) {
            map.put(p + LAYER_PARTS.get(j), parts[j]);
        }
    }

    /**
     * {@code w} with a text window of {@code window} tokens, computing the same as {@code w}: the
     * window's map keeps its offsets and gains zero maps for the new ones. {@code w} itself when its
     * window is that wide already.
     */
    static TinyLlavaWeights withTextWindow(TinyLlavaWeights w, int window) {
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
        map.put("text_mix", mix);
        return fromMap(wide, map);
    }

    static TinyLlavaWeights fromMap(TinyLlavaConfig c, Map<String, float[]> m) {
        var layers = new ArrayList<TinyLlavaWeights.Layer>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(layer(m, "layers." + i + "."));
        }
        var vision = new ArrayList<TinyLlavaWeights.Layer>();
        for (int i = 0; i < c.visionLayers(); i++) {
            vision.add(layer(m, "vision." + i + "."));
        }
        return new TinyLlavaWeights(c, m.get("patch_w"), m.get("patch_b"), m.get("proj_w"), m.get("proj_b"),
                m.get("image_positions"), m.get("token_embedding"), m.get("position_embedding"), layers,
                m.get("final_gamma"), m.get("final_beta"), m.get("lm_head"), vision,
                c.textMix() ? m.get("text_mix") : new float[0]);
    }

    private static TinyLlavaWeights.Layer layer(Map<String, float[]> m, String p) {
        float[][] v = new float[LAYER_PARTS.size()][];
        for (int j = 0; j < v.length; j++) {
            v[j] = m.get(p + LAYER_PARTS.get(j));
        }
        return new TinyLlavaWeights.Layer(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    static Shape shape(TinyLlavaConfig c, String name) {
        int d = c.hidden();
        return switch (name) {
            case "patch_w" -> new Shape(c.patchInputs(), d);
            case "proj_w" -> new Shape(d, d);
            case "image_positions" -> new Shape(c.imageTokens(), d);
            case "token_embedding" -> new Shape(c.vocab(), d);
            case "text_mix" -> new Shape(c.textMixRows(), d);
            case "position_embedding" -> new Shape(c.maxPositions(), d);
            case "lm_head" -> new Shape(d, c.vocab());
            case "patch_b", "proj_b", "final_gamma", "final_beta" -> new Shape(d);
            default -> layerShape(c, name.substring(name.indexOf('.', name.indexOf('.') + 1) + 1));
        };
    }

    private static Shape layerShape(TinyLlavaConfig c, String part) {
        int d = c.hidden();
        return switch (part) {
            case "q.weight", "k.weight", "v.weight", "o.weight" -> new Shape(d, d);
            case "mlp1.weight" -> new Shape(d, c.mlp());
            case "mlp2.weight" -> new Shape(c.mlp(), d);
            case "mlp1_bias" -> new Shape(c.mlp());
            default -> new Shape(d);
        };
    }
}
