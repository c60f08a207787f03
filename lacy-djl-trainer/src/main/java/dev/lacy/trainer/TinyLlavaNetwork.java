package dev.lacy.trainer;

import static dev.lacy.onnx.tiny.TinyLlavaParameters.FINAL_BETA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.FINAL_GAMMA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.IMAGE_POSITIONS;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.LM_HEAD;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.LN1_BETA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.LN1_GAMMA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.LN2_BETA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.LN2_GAMMA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.MLP1_BIAS;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.MLP2_BIAS;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.PATCH_B;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.PATCH_W;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.POSITION_EMBEDDING;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.PROJ_B;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.PROJ_W;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.TEXT_MIX;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.TOKEN_EMBEDDING;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.decoderLayer;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.loraA;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.loraB;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.matrix;
import static dev.lacy.onnx.tiny.TinyLlavaParameters.visionLayer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import dev.lacy.onnx.tiny.TinyLlavaParameters;
import dev.lacy.onnx.tiny.Rotary;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * lacy-tiny on DJL's PyTorch engine: the same computation as the exported ONNX graphs
 * ({@code TinyLlavaGraphs}), written with NDArray operations so that it trains. Parameters carry
 * the graphs' initializer names; LoRA pairs {@code <projection>.lora_A [in, r]} and
 * {@code .lora_B [r, out]} add {@code (alpha / r) x A B} to a projection; training-only heads
 * ({@code dense.*}) read the image features for detection-style supervision and are never exported.
 * Not thread-safe.
 */
final class TinyLlavaNetwork implements AutoCloseable {

    static final float EPSILON = 1e-5f;
    /** Absolute coordinate classes of the dense heads: 0.00 to 1.00, as the coordinate tokens. */
    static final int COORDINATE_BINS = 101;
    /** The name of an adapter's change to the text window's map, in checkpoints. */
    static final String WINDOW_DELTA = "text_mix.delta";

    private final TinyLlavaConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> base = new LinkedHashMap<>();
    private final Map<String, NDArray> lora = new LinkedHashMap<>();
    /** While an adapter trains on a model with a text window: the change to the window's map it learns (zero at first). */
    private NDArray windowDelta;
    private final Map<String, NDArray> dense = new LinkedHashMap<>();
    private float loraScale;
    private final int denseClasses;
    /** Rotary tables {@code [maxPositions, headSize]} and the rotate-half matrix; empty without rotary positions. */
    private final Map<String, NDArray> rotary = new LinkedHashMap<>();

    TinyLlavaNetwork(NDManager parent, TinyLlavaWeights weights, int denseClasses, long seed) {
        this.config = weights.config();
        this.manager = parent.newSubManager();
        this.denseClasses = denseClasses;
        TinyLlavaParameters.toMap(weights).forEach((name, values) -> base.put(name, create(values,
                new Shape(TinyLlavaParameters.shape(config, name)))));
        if (config.rotary()) {
            Shape table = new Shape(config.maxPositions(), config.headSize());
            rotary.put("cos", manager.create(Rotary.cos(config), table));
            rotary.put("sin", manager.create(Rotary.sin(config), table));
            rotary.put("half", manager.create(Rotary.rotateHalf(config), new Shape(config.headSize(), config.headSize())));
        }
        var random = new SplittableRandom(seed);
        int d = config.hidden();
        dense.put("dense.class_w", create(normal(random, d * denseClasses, 0.5 / Math.sqrt(d)), new Shape(d, denseClasses)));
        dense.put("dense.class_b", create(new float[denseClasses], new Shape(denseClasses)));
        dense.put("dense.offset_w", create(normal(random, d * 2, 0.5 / Math.sqrt(d)), new Shape(d, 2)));
        dense.put("dense.offset_b", create(new float[2], new Shape(2)));
        for (String axis : List.of("x", "y")) {
            dense.put("dense." + axis + "_w", create(normal(random, d * COORDINATE_BINS, 0.5 / Math.sqrt(d)),
                    new Shape(d, COORDINATE_BINS)));
            dense.put("dense." + axis + "_b", create(new float[COORDINATE_BINS], new Shape(COORDINATE_BINS)));
        }
    }

    TinyLlavaConfig config() {
        return config;
    }

    int denseClasses() {
        return denseClasses;
    }

    /**
     * Trains the text window's map in factored form from now on: {@code text_mix} is replaced by
     * {@code text_mix_down [hidden, rank]} (small random), shared by every offset, and
     * {@code text_mix_up [(w - 1) rank, hidden]} (zero, so training starts where the full matrix did),
     * so that offset k's map is {@code down x up_k}. A wide window then costs a fraction of its full
     * matrix; {@link #weights()} exports the products, so the graphs do not change. Nothing happens
     * without a window or at rank 0.
     */
    void factorTextMix(int rank, long seed) {
        if (!config.textMix() || rank <= 0) {
            return;
        }
        int d = config.hidden();
        base.remove(TEXT_MIX).close();
        var random = new SplittableRandom(seed ^ 0x5EED_7E47L);
        base.put("text_mix_down", create(normal(random, d * rank, 1 / Math.sqrt(d)), new Shape(d, rank)));
        base.put("text_mix_up", create(new float[(config.textWindow() - 1) * rank * d],
                new Shape((long) (config.textWindow() - 1) * rank, d)));
    }

    /**
     * Puts a full {@code text_mix} of rank at most {@code maxRank} (the product a factored pretraining
     * exports) back into the factored form, exactly: the shared down-projection spans the column
     * space of every offset's map (the leading eigenvectors of {@code H H^T}, {@code H} the maps side
     * by side), each up-projection is that map in this basis. Fine-tuning then pays for the rank, not
     * for the window's width; the exported weights are the same product. Returns the rank, or -1 when
     * the map was left whole (no window, already factored, a higher rank, or a reconstruction off by
     * more than 1e-5 of the map's largest entry).
     */
    int refactorTextMix(int maxRank) {
        NDArray full = base.get(TEXT_MIX);
        if (full == null) {
            return -1;
        }
        int d = config.hidden();
        int offsets = config.textWindow() - 1;
        var factors = TextMixFactors.of(full.toFloatArray(), d, offsets, maxRank);
        if (factors.isEmpty()) {
            return -1;
        }
        float[] down = factors.get().down();
        float[] up = factors.get().up();
        int rank = factors.get().rank();
        base.remove(TEXT_MIX).close();
        base.put("text_mix_down", create(down, new Shape(d, rank)));
        base.put("text_mix_up", create(up, new Shape((long) offsets * rank, d)));
        return rank;
    }

    /** Adds LoRA pairs on {@code targets} of every decoder layer: A small random, B zero, so training starts at the base. */
    void addLora(List<String> targets, int rank, float alpha, long seed) {
        lora.values().forEach(NDArray::close);
        lora.clear();
        if (windowDelta != null) {
            windowDelta.close();
            windowDelta = null;
        }
        if (config.textMix()) {
            // the adapter also learns a change to the text window's map: fine-tuning needs offsets the base
            // never used (docs/experiments/2026-11-trainer-design.md, "The window's map trained with each adapter")
            windowDelta = create(new float[config.textMixRows() * config.hidden()],
                    new Shape(config.textMixRows(), config.hidden()));
        }
        loraScale = alpha / rank;
        var random = new SplittableRandom(seed);
        for (int i = 0; i < config.layers(); i++) {
            for (String target : targets) {
                String name = decoderLayer(i) + target;
                Shape shape = base.get(matrix(name)).getShape();
                int in = (int) shape.get(0);
                int out = (int) shape.get(1);
                lora.put(loraA(name), create(normal(random, in * rank, 1 / Math.sqrt(in)), new Shape(in, rank)));
                lora.put(loraB(name), create(new float[rank * out], new Shape(rank, out)));
            }
        }
    }

    boolean hasLora() {
        return !lora.isEmpty();
    }

    float loraScale() {
        return loraScale;
    }

    Map<String, NDArray> baseParameters() {
        return base;
    }

    Map<String, NDArray> loraParameters() {
        return lora;
    }

    /** The adapter's change to the text window's map, while an adapter with a text window trains. */
    java.util.Optional<NDArray> windowDelta() {
        return java.util.Optional.ofNullable(windowDelta);
    }

    Map<String, NDArray> denseParameters() {
        return dense;
    }

    /** The arrays a stage trains: every base weight and the dense heads, or only the adapter (LoRA pairs, window change). */
    Map<String, NDArray> trainable(boolean full) {
        var map = new LinkedHashMap<String, NDArray>();
        if (full) {
            map.putAll(base);
            map.putAll(dense);
        } else {
            map.putAll(adapter());
        }
        return map;
    }

    /** The adapter's arrays by name: the LoRA pairs and, with a text window, the change to its map. */
    private Map<String, NDArray> adapter() {
        var map = new LinkedHashMap<>(lora);
        if (windowDelta != null) {
            map.put(WINDOW_DELTA, windowDelta);
        }
        return map;
    }

    /** {@code [batch, tokens, hidden]} image features of {@code [batch, 3, size, size]} pixel values. */
    NDArray vision(NDArray pixels) {
        TinyLlavaConfig c = config;
        int g = c.grid();
        int p = c.patchSize();
        long batch = pixels.getShape().get(0);
        NDArray patches = pixels.reshape(batch, 3, g, p, g, p).transpose(0, 2, 4, 1, 3, 5)
                .reshape(batch, c.imageTokens(), c.patchInputs());
        NDArray e = Activation.relu(patches.matMul(base.get(PATCH_W)).add(base.get(PATCH_B)));
        NDArray x = e.matMul(base.get(PROJ_W)).add(base.get(PROJ_B)).add(base.get(IMAGE_POSITIONS));
        for (int i = 0; i < c.visionLayers(); i++) {
            x = layer(x, visionLayer(i), null, null);
        }
        return x;
    }

    /**
     * Text embeddings {@code [batch, length, hidden]} of token ids {@code [batch, length]} (int64); with a
     * text window, each plus {@code [e(t-1), ..., e(t-w+1)] text_mix} (zeros before the first token), as
     * the exported embedding graph computes it.
     */
    NDArray embed(NDArray ids) {
        NDArray tokens = Embedding.embedding(ids, base.get(TOKEN_EMBEDDING), ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
        if (!config.textMix()) {
            return tokens;
        }
        NDArray mix = base.get(TEXT_MIX);
        NDArray source = tokens;
        if (mix == null) {
            // factored (factorTextMix, refactorTextMix): the same sum, through the shared down-projection
            source = tokens.matMul(base.get("text_mix_down"));
            mix = base.get("text_mix_up");
        }
        NDArray window = shiftedWindow(source);
        if (windowDelta == null) {
            return tokens.add(window.matMul(mix));
        }
        if (source == tokens) {
            // one product with the changed map: about a tenth faster to train than two products
            return tokens.add(window.matMul(mix.add(windowDelta)));
        }
        return tokens.add(window.matMul(mix)).add(shiftedWindow(tokens).matMul(windowDelta));
    }

    /** {@code [x(t-1), ..., x(t-w+1)]} of every position of {@code tokens}, zeros before the first. */
    private NDArray shiftedWindow(NDArray tokens) {
        long batch = tokens.getShape().get(0);
        long length = tokens.getShape().get(1);
        long width = tokens.getShape().get(2);
        var shifted = new NDList();
        for (int k = 1; k < config.textWindow(); k++) {
            NDArray zeros = tokens.getManager().zeros(new Shape(batch, Math.min(k, length), width));
            shifted.add(k >= length ? zeros : NDArrays.concat(new NDList(zeros, tokens.get(":, 0:" + (length - k))), 1));
        }
        return NDArrays.concat(shifted, 2);
    }

    /**
     * Logits {@code [batch, total, vocab]} for image features followed by text embeddings, position
     * {@code i} at {@code i}, for positions {@code from} (inclusive) to {@code to} (exclusive); {@code bias}
     * is the additive attention mask {@code [batch, 1, total, total]}.
     */
    NDArray decode(NDArray imageFeatures, NDArray text, NDArray bias, long from, long to) {
        NDArray x = NDArrays.concat(new NDList(imageFeatures, text), 1);
        long total = x.getShape().get(1);
        x = x.add(base.get(POSITION_EMBEDDING).get("0:" + total));
        NDList rope = null;
        if (config.rotary()) {
            Shape rows = new Shape(1, 1, total, config.headSize());
            rope = new NDList(rotary.get("cos").get("0:" + total).reshape(rows), rotary.get("sin").get("0:" + total).reshape(rows));
        }
        for (int i = 0; i < config.layers(); i++) {
            x = layer(x, decoderLayer(i), bias, rope);
        }
        NDArray h = norm(x.get(":, " + from + ":" + to), FINAL_GAMMA, FINAL_BETA);
        return h.matMul(base.get(LM_HEAD));
    }

    /**
     * Dense heads over image features: class logits {@code [batch, tokens, classes]}, offsets in the
     * cell {@code [batch, tokens, 2]}, and logits of the absolute x and y {@code [batch, tokens, 101]}.
     */
    NDList denseHeads(NDArray imageFeatures) {
        NDArray classes = imageFeatures.matMul(dense.get("dense.class_w")).add(dense.get("dense.class_b"));
        NDArray offsets = imageFeatures.matMul(dense.get("dense.offset_w")).add(dense.get("dense.offset_b"));
        NDArray x = imageFeatures.matMul(dense.get("dense.x_w")).add(dense.get("dense.x_b"));
        NDArray y = imageFeatures.matMul(dense.get("dense.y_w")).add(dense.get("dense.y_b"));
        return new NDList(classes, offsets, x, y);
    }

    /**
     * One pre-norm layer; {@code bias == null} attends everywhere (the vision encoder); {@code rope}
     * (cosines and sines {@code [1, 1, length, headSize]}) rotates queries and keys by position.
     */
    private NDArray layer(NDArray x, String p, NDArray bias, NDList rope) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int heads = config.heads();
        int hs = config.headSize();
        NDArray h = norm(x, p + LN1_GAMMA, p + LN1_BETA);
        NDArray q = project(h, p + "q").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        NDArray k = project(h, p + "k").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        NDArray v = project(h, p + "v").reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
        if (rope != null) {
            q = rotate(q, rope);
            k = rotate(k, rope);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(hs)));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.hidden());
        NDArray attended = x.add(project(context, p + "o"));
        NDArray h2 = norm(attended, p + LN2_GAMMA, p + LN2_BETA);
        NDArray m1 = Activation.relu(project(h2, p + "mlp1").add(base.get(p + MLP1_BIAS)));
        return attended.add(project(m1, p + "mlp2").add(base.get(p + MLP2_BIAS)));
    }

    /** {@code x cos + rotateHalf(x) sin}, as {@code Rotary} and the exported graph compute it. */
    private NDArray rotate(NDArray x, NDList rope) {
        return x.mul(rope.get(0)).add(x.matMul(rotary.get("half")).mul(rope.get(1)));
    }

    private NDArray project(NDArray x, String name) {
        NDArray out = x.matMul(base.get(matrix(name)));
        NDArray a = lora.get(loraA(name));
        if (a != null) {
            out = out.add(x.matMul(a).matMul(lora.get(loraB(name))).mul(loraScale));
        }
        return out;
    }

    private NDArray norm(NDArray x, String gamma, String beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hidden()), base.get(gamma), base.get(beta), EPSILON).singletonOrThrow();
    }

    /** The base weights as plain arrays; a factored window map is exported as the full matrix it stands for. */
    TinyLlavaWeights weights() {
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
    Map<String, float[]> exportedLora() {
        var map = new LinkedHashMap<String, float[]>();
        lora.forEach((name, array) -> {
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

    /** Every array by name (base, dense heads, the adapter), for checkpoints. */
    Map<String, NDArray> all() {
        var map = new LinkedHashMap<String, NDArray>(base);
        map.putAll(dense);
        map.putAll(adapter());
        return map;
    }

    /**
     * The adapter's change to the window's map as the embedding graph's LoRA pair: {@code text_mix.lora_A}
     * the change itself {@code [(w - 1) hidden, hidden]}, {@code text_mix.lora_B} the identity, so that
     * {@code A B} is exactly what was trained. Empty without a text window.
     */
    Map<String, float[]> exportedWindowDelta() {
        if (windowDelta == null) {
            return Map.of();
        }
        int d = config.hidden();
        float[] identity = new float[d * d];
        for (int i = 0; i < d; i++) {
            identity[i * d + i] = 1;
        }
        var map = new LinkedHashMap<String, float[]>();
        map.put(loraA(TEXT_MIX), windowDelta.toFloatArray());
        map.put(loraB(TEXT_MIX), identity);
        return map;
    }

    private NDArray create(float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return array;
    }

    static float[] normal(SplittableRandom random, int n, double std) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            w[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * std);
        }
        return w;
    }

    List<String> names() {
        return new ArrayList<>(all().keySet());
    }

    @Override
    public void close() {
        manager.close();
    }
}
