package dev.lacy.trainer;

import static dev.lacy.onnx.tiny.TinyLlavaParameters.*;

import ai.djl.ndarray.NDArray;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaParameters;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a trained {@link TinyLlavaNetwork} writes into a model package: its base weights and its adapter's parameters. */
final class NetworkExport {

    private NetworkExport() {
    }

    /** The base weights as plain arrays; a factored window map is exported as the full matrix it stands for. */
    static TinyLlavaWeights weights(TinyLlavaNetwork network) {
        Map<String, NDArray> base = network.baseParameters();
        TinyLlavaConfig config = network.config();
        var map = new LinkedHashMap<String, float[]>();
        base.forEach((name, array) -> map.put(name, array.toFloatArray()));
        NDArray down = base.get("text_mix_down");
        if (down != null) {
            map.remove("text_mix_down");
            map.remove("text_mix_up");
            int d = config.hidden();
            long rank = down.getShape().get(1);
            int offsets = config.textWindow() - 1;
            try (NDArray product = down.matMul(base.get("text_mix_up").reshape(offsets, rank, d))) {
                map.put(TEXT_MIX, product.toFloatArray());
            }
        }
        return TinyLlavaParameters.fromMap(config, map);
    }

    /** The LoRA pairs as an ONNX Runtime adapter's parameters: B pre-scaled by alpha / r. */
    static Map<String, float[]> lora(TinyLlavaNetwork network) {
        float loraScale = network.loraScale();
        var map = new LinkedHashMap<String, float[]>();
        network.loraParameters().forEach((name, array) -> {
            float[] values = array.toFloatArray();
            if (name.endsWith(".lora_B")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] *= loraScale;
                }
            }
            map.put(name, values);
        });
        return map;
    }

    /**
     * The adapter's change to the window's map as the embedding graph's LoRA pair: {@code text_mix.lora_A}
     * the change itself {@code [(w - 1) hidden, hidden]}, {@code text_mix.lora_B} the identity, so that
     * {@code A B} is exactly what was trained. Empty without a text window.
     */
    static Map<String, float[]> windowDelta(TinyLlavaNetwork network) {
        if (network.windowDelta().isEmpty()) {
            return Map.of();
        }
        TinyLlavaConfig config = network.config();
        int d = config.hidden();
        float[] identity = new float[d * d];
        for (int i = 0; i < d; i++) {
            identity[i * d + i] = 1;
        }
        var map = new LinkedHashMap<String, float[]>();
        map.put(loraA(TEXT_MIX), network.windowDelta().get().toFloatArray());
        map.put(loraB(TEXT_MIX), identity);
        return map;
    }
}
