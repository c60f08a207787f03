package dev.lacy.trainer;

import static dev.lacy.onnx.tiny.TinyLlavaParameters.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
    private final TinyLlavaForward forward = new TinyLlavaForward(this);

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
        return forward.vision(pixels);
    }

    /** Text embeddings {@code [batch, length, hidden]} of token ids {@code [batch, length]} (int64), as the embedding graph's. */
    NDArray embed(NDArray ids) {
        return forward.embed(ids);
    }

    /** Logits {@code [batch, to - from, vocab]} over image features then text embeddings ({@link TinyLlavaForward#decode}). */
    NDArray decode(NDArray imageFeatures, NDArray text, long from, long to) {
        return forward.decode(imageFeatures, text, from, to);
    }

    /** The dense heads over image features ({@link TinyLlavaForward#denseHeads}). */
    NDList denseHeads(NDArray imageFeatures) {
        return forward.denseHeads(imageFeatures);
    }

    /** Rotary tables {@code cos}, {@code sin} and the rotate-half matrix {@code half}; empty without rotary positions. */
    Map<String, NDArray> rotaryTables() {
        return rotary;
    }

    /** Every array by name (base, dense heads, the adapter), for checkpoints. */
    Map<String, NDArray> all() {
        var map = new LinkedHashMap<String, NDArray>(base);
        map.putAll(dense);
        map.putAll(adapter());
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
