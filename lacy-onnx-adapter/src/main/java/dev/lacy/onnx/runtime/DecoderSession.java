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
 * The decoder graph's calls: one step over new positions after a KV cache (rows padded or not), and prompts' caches copied
 * into their samples. Each result is a {@link Step} that holds the native logits and cache until closed.
 */
final class DecoderSession {

    private final OrtEnvironment env;
    private final OrtSession decoder;
    private final ModelManifest manifest;
    private final int hidden;

    /**
     * Whether the decoder takes {@code prefix_key_values.*}: a fixed cache (a prompt's) attended to before the past and
     * not copied into the present at each step (lacy-tiny decoders written since it came).
     */
    private final boolean prefixed;

    /** The decoder's inputs of a fixed cache before the past, where it has them: {@code prefix_key_values.<i>.key|value}. */
    static final String PREFIX = "prefix_key_values.";

    DecoderSession(OrtEnvironment env, OrtSession decoder, ModelManifest manifest, int hidden) {
        this.env = env;
        this.decoder = decoder;
        this.manifest = manifest;
        this.hidden = hidden;
        this.prefixed = decoder.getInputNames().contains(PREFIX + "0.key");
    }

    /** Whether a completion's steps can keep the prompt's cache apart ({@link #decode} with a prefix). */
    boolean takesPrefix() {
        return prefixed;
    }

    /** One decoder call for {@code n} sequences of {@code length} new positions after {@code past} cached ones, none padded. */
    Step decode(float[] embeds, int n, int length, int past, Step cache, OrtSession.RunOptions run) throws OrtException {
        long[] mask = new long[n * (past + length)];
        Arrays.fill(mask, 1);
        long[] positions = new long[n * length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = past + i % length;
        }
        return decode(embeds, n, length, mask, positions, null, cache, run);
    }

    /**
     * One decoder call for {@code n} rows of {@code length} new slots after the cached ones: {@code mask [n, total]} says
     * which slots of each row hold a token (0 for padding), {@code positions [n, length]} each new slot's position in its
     * own sequence. The cached slots are {@code prefix}'s present, then {@code cache}'s (either may be null: none); only
     * {@code cache}'s and the new ones come back as the step's present. A prefix needs {@link #takesPrefix}.
     */
    Step decode(float[] embeds, int n, int length, long[] mask, long[] positions, Step prefix, Step cache,
                OrtSession.RunOptions run) throws OrtException {
        if (prefix != null && !prefixed) {
            throw new IllegalStateException("this decoder takes no prefix cache");
        }
        var owned = new ArrayList<OnnxTensor>();
        var inputs = new HashMap<String, OnnxTensor>();
        try {
            owned.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[] {n, length, hidden}));
            inputs.put("inputs_embeds", owned.get(owned.size() - 1));
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {n, mask.length / n}));
            inputs.put("attention_mask", owned.get(owned.size() - 1));
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {n, length}));
            inputs.put("position_ids", owned.get(owned.size() - 1));
            ModelManifest.DecoderShape shape = manifest.decoder();
            for (int i = 0; i < shape.layers(); i++) {
                for (String kind : List.of("key", "value")) {
                    String present = "present." + i + "." + kind;
                    inputs.put("past_key_values." + i + "." + kind, cache == null ? empty(n, owned) : cache.present(present));
                    if (prefixed) {
                        inputs.put(PREFIX + i + "." + kind, prefix == null ? empty(n, owned) : prefix.present(present));
                    }
                }
            }
            OrtSession.Result result = run == null ? decoder.run(inputs) : decoder.run(inputs, run);
            return new Step(result, length);
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    /** An empty cache tensor of {@code n} rows, closed with {@code owned}. */
    private OnnxTensor empty(int n, List<OnnxTensor> owned) throws OrtException {
        ModelManifest.DecoderShape shape = manifest.decoder();
        OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {n, shape.kvHeads(), 0, shape.headSize()});
        owned.add(tensor);
        return tensor;
    }

    /**
     * The KV cache of {@code rows}, row {@code r} copied {@code copies[r]} times (the samples of one prompt share its
     * prompt's cache), as a step whose logits are {@code logits} (one row per copy). Leaves {@code rows} open.
     */
    Step expand(Step rows, int[] copies, float[][] logits) throws OrtException {
        var presents = new HashMap<String, OnnxTensor>();
        try {
            ModelManifest.DecoderShape shape = manifest.decoder();
            int total = Arrays.stream(copies).sum();
            for (int i = 0; i < shape.layers(); i++) {
                for (String kind : List.of("key", "value")) {
                    String name = "present." + i + "." + kind;
                    OnnxTensor source = rows.present(name);
                    long[] dims = source.getInfo().getShape();
                    FloatBuffer values = source.getFloatBuffer();
                    int size = values.remaining() / copies.length;
                    float[] expanded = new float[size * total];
                    int at = 0;
                    for (int r = 0; r < copies.length; r++) {
                        for (int c = 0; c < copies[r]; c++) {
                            values.get(values.position() + r * size, expanded, at * size, size);
                            at++;
                        }
                    }
                    presents.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(expanded),
                            new long[] {total, dims[1], dims[2], dims[3]}));
                }
            }
        } catch (OrtException | RuntimeException e) {
            presents.values().forEach(OnnxTensor::close);
            throw e;
        }
        return new Step(logits, presents);
    }

    /** A decoder result: the logits and the cache, open until closed. */
    static final class Step implements AutoCloseable {
        private final OrtSession.Result result;
        private final FloatBuffer logits;
        private final int length;
        private final int vocab;
        /** An expanded first step: each row's last logits, and the copied cache it owns. */
        private final float[][] rowLogits;
        private final Map<String, OnnxTensor> owned;

        Step(OrtSession.Result result, int length) {
            this.result = result;
            OnnxTensor tensor = (OnnxTensor) result.get("logits").orElseThrow();
            this.logits = tensor.getFloatBuffer();
            this.length = length;
            this.vocab = (int) tensor.getInfo().getShape()[2];
            this.rowLogits = null;
            this.owned = Map.of();
        }

        Step(float[][] rowLogits, Map<String, OnnxTensor> owned) {
            this.result = null;
            this.logits = null;
            this.length = 1;
            this.vocab = rowLogits[0].length;
            this.rowLogits = rowLogits;
            this.owned = Map.copyOf(owned);
        }

        OnnxTensor present(String name) {
            return result == null ? owned.get(name) : (OnnxTensor) result.get(name).orElseThrow();
        }

        float[] lastLogits(int sample) {
            if (rowLogits != null) {
                return rowLogits[sample].clone();
            }
            return logitsAt(sample, length - 1);
        }

        /** The logits of row {@code row} at its new slot {@code slot} (a padded row's last token is not the last slot). */
        float[] logitsAt(int row, int slot) {
            float[] values = new float[vocab];
            logits.get((row * length + slot) * vocab, values);
            return values;
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
