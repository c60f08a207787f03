package dev.lacy.onnx.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lacy.onnx.model.ModelManifest;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder graph's calls: one step over new positions after a KV cache, and a one-sequence prompt's cache tiled
 * into {@code n} samples. Each result is a {@link Step} that holds the native logits and cache until closed.
 */
final class DecoderSession {

    private final OrtEnvironment env;
    private final OrtSession decoder;
    private final ModelManifest manifest;
    private final int hidden;

    DecoderSession(OrtEnvironment env, OrtSession decoder, ModelManifest manifest, int hidden) {
        this.env = env;
        this.decoder = decoder;
        this.manifest = manifest;
        this.hidden = hidden;
    }

    /** One decoder call for {@code n} sequences of {@code length} new positions after {@code past} cached ones. */
    Step decode(float[] embeds, int n, int length, int past, Step cache, OrtSession.RunOptions run) throws OrtException {
        var owned = new ArrayList<OnnxTensor>();
        var inputs = new HashMap<String, OnnxTensor>();
        try {
            owned.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[] {n, length, hidden}));
            inputs.put("inputs_embeds", owned.get(owned.size() - 1));
            long[] mask = new long[n * (past + length)];
            Arrays.fill(mask, 1);
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {n, past + length}));
            inputs.put("attention_mask", owned.get(owned.size() - 1));
            long[] positions = new long[n * length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = past + i % length;
            }
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {n, length}));
            inputs.put("position_ids", owned.get(owned.size() - 1));
            ModelManifest.DecoderShape shape = manifest.decoder();
            for (int i = 0; i < shape.layers(); i++) {
                for (String kind : List.of("key", "value")) {
                    String name = "past_key_values." + i + "." + kind;
                    if (cache == null) {
                        owned.add(OnnxTensor.createTensor(env, FloatBuffer.allocate(0),
                                new long[] {n, shape.kvHeads(), 0, shape.headSize()}));
                        inputs.put(name, owned.get(owned.size() - 1));
                    } else {
                        inputs.put(name, cache.present("present." + i + "." + kind));
                    }
                }
            }
            OrtSession.Result result = run == null ? decoder.run(inputs) : decoder.run(inputs, run);
            return new Step(result, length);
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    /**
     * The first step of {@code n} samples from the one-sequence step {@code one} over their shared prompt: its KV cache
     * copied into {@code n} rows, its last logits shared. Closes {@code one}.
     */
    Step tiled(Step one, int n) throws OrtException {
        try (one) {
            var presents = new HashMap<String, OnnxTensor>();
            try {
                ModelManifest.DecoderShape shape = manifest.decoder();
                for (int i = 0; i < shape.layers(); i++) {
                    for (String kind : List.of("key", "value")) {
                        String name = "present." + i + "." + kind;
                        OnnxTensor single = one.present(name);
                        long[] dims = single.getInfo().getShape();
                        FloatBuffer values = single.getFloatBuffer();
                        int size = values.remaining();
                        float[] copies = new float[size * n];
                        for (int c = 0; c < n; c++) {
                            values.get(values.position(), copies, c * size, size);
                        }
                        presents.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(copies),
                                new long[] {n, dims[1], dims[2], dims[3]}));
                    }
                }
            } catch (OrtException | RuntimeException e) {
                presents.values().forEach(OnnxTensor::close);
                throw e;
            }
            return new Step(one.lastLogits(0), presents);
        }
    }

    /** A decoder result: the logits and the cache, open until closed. */
    static final class Step implements AutoCloseable {
        private final OrtSession.Result result;
        private final FloatBuffer logits;
        private final int length;
        private final int vocab;
        /** A tiled first step: the shared last logits of every sample, and the copied cache it owns. */
        private final float[] sharedLogits;
        private final Map<String, OnnxTensor> owned;

        Step(OrtSession.Result result, int length) {
            this.result = result;
            OnnxTensor tensor = (OnnxTensor) result.get("logits").orElseThrow();
            this.logits = tensor.getFloatBuffer();
            this.length = length;
            this.vocab = (int) tensor.getInfo().getShape()[2];
            this.sharedLogits = null;
            this.owned = Map.of();
        }

        Step(float[] sharedLogits, Map<String, OnnxTensor> owned) {
            this.result = null;
            this.logits = null;
            this.length = 1;
            this.vocab = sharedLogits.length;
            this.sharedLogits = sharedLogits;
            this.owned = Map.copyOf(owned);
        }

        OnnxTensor present(String name) {
            return result == null ? owned.get(name) : (OnnxTensor) result.get(name).orElseThrow();
        }

        float[] lastLogits(int sample) {
            if (sharedLogits != null) {
                return sharedLogits.clone();
            }
            float[] row = new float[vocab];
            logits.get((sample * length + length - 1) * vocab, row);
            return row;
        }

        @Override
        public void close() {
            if (result != null) {
                result.close();
            }
            owned.values().forEach(OnnxTensor::close);
        }
    }
}
