package dev.lacy.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training stage: AdamW (decoupled weight decay on matrices only), linear warm-up then a cosine
 * decay to a tenth of the peak, clipping by global gradient norm, a seeded order of examples per
 * epoch, checkpoints every {@code checkpointEvery} steps from which a rerun continues the same run.
 * Coordinate tokens are trained against a narrow Gaussian over their neighbouring values rather
 * than one value, so that near misses cost less than far ones (the coordinates are ordinal); in the
 * grounded captions of base pretraining, every coordinate after the grounding sentence (copied from it,
 * or computed from it) is trained against its exact token instead, so that the base learns to look a
 * name up exactly (docs/experiments/2026-11-trainer-design.md, "What limits L2A now").
 */
final class TrainingRun {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.98;
    private static final double ADAM_EPSILON = 1e-8;
    private static final double COORDINATE_SIGMA = 1.0;

    private final String stage;
    private final TinyLlavaNetwork network;
    private final TrainingExamples data;
    private final List<TrainingExamples.Example> examples;
    private final StageSettings settings;
    private final boolean full;
    private final long seed;
    private final Path checkpoint;
    private final TrainingListener listener;
    private final CoordinateTokens coordinates;
    /** {@code LACY_DEBUG_LOSS} set: print every step's loss to standard error. */
    private final boolean debugLoss = System.getenv("LACY_DEBUG_LOSS") != null;
    private final Map<String, NDArray> trainable;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private double smoothedLoss = Double.NaN;
    /** Steps whose mean duration gives the reported rate and ETA. */
    private static final int RATE_WINDOW = 20;
    /**
     * While an adapter trains, the vision encoder is frozen: each image's features ({@code imageTokens x
     * hidden}) are computed once, in image order and fixed chunks (so a resumed run reads the same), instead
     * of at every step.
     */
    private final Map<Integer, float[]> frozenFeatures = new HashMap<>();

    TrainingRun(String stage, TinyLlavaNetwork network, TrainingExamples data, List<TrainingExamples.Example> examples,
                StageSettings settings, boolean full, LacyTokenizer tokenizer, long seed, Path checkpoint,
                TrainingListener listener) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(stage + ": no training examples");
        }
        this.stage = stage;
        this.network = network;
        this.data = data;
        this.examples = examples;
        this.settings = settings;
        this.full = full;
        this.seed = seed;
        this.checkpoint = checkpoint;
        this.listener = listener;
        this.coordinates = CoordinateTokens.of(tokenizer);
        this.trainable = network.trainable(full);
        network.all().forEach((name, array) -> array.setRequiresGradient(trainable.containsKey(name)));
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            NDArray p = entry.getValue();
            firstMoments.put(entry.getKey(), p.getManager().zeros(p.getShape()));
            secondMoments.put(entry.getKey(), p.getManager().zeros(p.getShape()));
        }
    }

    /** Runs (or continues, from a checkpoint of the same run) to the last step; returns the final smoothed loss. */
    double run() {
        int start = Checkpoints.resume(checkpoint, fingerprint(), network.all(), firstMoments, secondMoments);
        if (!full) {
            computeFrozenFeatures();
        }
        Engine engine = Engine.getEngine("PyTorch");
        // the rate and the ETA come from the recent steps, not from the first ones (which warm up the engine and ran
        // at half speed, doubling the first ETAs)
        var recent = new java.util.ArrayDeque<Long>();
        long previous = System.nanoTime();
        for (int step = start; step < settings.steps(); step++) {
            double loss = step(engine, step);
            long now = System.nanoTime();
            if (step > start || settings.steps() - start == 1) {
                recent.addLast(now - previous);
                if (recent.size() > RATE_WINDOW) {
                    recent.removeFirst();
                }
            }
            previous = now;
            smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.95 * smoothedLoss + 0.05 * loss;
            boolean last = step == settings.steps() - 1;
            if ((step + 1) % settings.checkpointEvery() == 0 || last) {
                Checkpoints.save(checkpoint, fingerprint(), step + 1, network.all(), firstMoments, secondMoments);
            }
            if (((step + 1) % 10 == 0 || last) && !recent.isEmpty()) {
                double perStep = recent.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e9;
                listener.onProgress(new TrainingProgress(stage, step + 1, settings.steps(), smoothedLoss,
                        settings.batch() / perStep, Duration.ofMillis((long) (perStep * (settings.steps() - step - 1) * 1000))));
            }
        }
        return smoothedLoss;
    }

    String fingerprint() {
        return CheckpointFingerprint.of(stage, settings, full, seed, network.config(), network.names(), examples.size(),
                Arrays.hashCode(examples.stream().mapToLong(e -> Arrays.hashCode(e.ids()) * 31L + e.image()).toArray()));
    }

    private void computeFrozenFeatures() {
        int[] images = examples.stream().mapToInt(TrainingExamples.Example::image).distinct().sorted().toArray();
        var c = network.config();
        int pixelCount = 3 * c.imageSize() * c.imageSize();
        int per = c.imageTokens() * c.hidden();
        for (int from = 0; from < images.length; from += settings.batch()) {
            int n = Math.min(settings.batch(), images.length - from);
            float[] pixels = new float[n * pixelCount];
            for (int i = 0; i < n; i++) {
                data.pixels(images[from + i], pixels, i * pixelCount);
            }
            try (NDScope arrays = new NDScope(); NDManager scope = scratch()) {
                float[] features = network.vision(scope.create(pixels, new Shape(n, 3, c.imageSize(), c.imageSize())))
                        .toFloatArray();
                for (int i = 0; i < n; i++) {
                    frozenFeatures.put(images[from + i], Arrays.copyOfRange(features, i * per, (i + 1) * per));
                }
            }
        }
    }

    /**
     * A manager for one step's (or one chunk's) arrays, beside the parameters'; used with an {@link NDScope},
     * which closes every array created meanwhile, whichever manager owns it (results of operations on
     * parameters belong to the parameters' manager and would otherwise live as long as the model).
     */
    private NDManager scratch() {
        return network.baseParameters().get("lm_head").getManager().newSubManager();
    }

    private NDArray frozenFeatures(int[] batch, NDManager scope) {
        var c = network.config();
        int per = c.imageTokens() * c.hidden();
        float[] features = new float[batch.length * per];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(frozenFeatures.get(examples.get(batch[b]).image()), 0, features, b * per, per);
        }
        return scope.create(features, new Shape(batch.length, c.imageTokens(), c.hidden()));
    }

    private double step(Engine engine, int step) {
        int[] batch = batchIndices(step);
        try (NDScope arrays = new NDScope(); NDManager scope = scratch()) {
            Batch b = Batch.of(batch, examples, data, network.config(), coordinates, network.denseClasses(), full,
                    (float) settings.actionWeight(), scope);
            NDArray loss;
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray features = full ? network.vision(b.pixels()) : frozenFeatures(batch, scope);
                NDArray text = network.embed(b.ids());
                int k = network.config().imageTokens();
                NDArray logits = network.decode(features, text, b.bias(), k - 1, k - 1 + b.length());
                NDArray logp = logits.logSoftmax(-1);
                loss = logp.mul(b.targets()).sum().neg().div(b.targetCount());
                if (full && settings.denseWeight() > 0) {
                    NDList heads = network.denseHeads(features);
                    NDArray classLoss = heads.get(0).logSoftmax(-1).mul(b.denseTargets()).sum().neg()
                            .div(batch.length * (float) k);
                    NDArray offsetLoss = heads.get(1).sub(b.denseOffsets()).square().mul(b.denseMask()).sum()
                            .div(Math.max(1f, b.denseCount()));
                    // absolute coordinates at the object's cell, against the same narrow Gaussian as coordinate tokens
                    NDArray coordinateLoss = heads.get(2).logSoftmax(-1).mul(b.denseX()).sum()
                            .add(heads.get(3).logSoftmax(-1).mul(b.denseY()).sum()).neg().div(Math.max(1f, 2 * b.denseCount()));
                    loss = loss.add(classLoss.add(offsetLoss).add(coordinateLoss).mul((float) settings.denseWeight()));
                }
                if (debugLoss) {
                    System.err.println("step " + step + " loss " + loss.getFloat());
                }
                collector.backward(loss);
                value = loss.getFloat();
            }
            if (!Double.isFinite(value)) {
                throw new IllegalStateException(stage + ": the loss is " + value + " at step " + step
                        + "; lower the learning rate");
            }
            update(step, scope);
            return value;
        }
    }

    private int[] batchIndices(int step) {
        int n = examples.size();
        int[] out = new int[settings.batch()];
        for (int i = 0; i < out.length; i++) {
            long position = (long) step * settings.batch() + i;
            int epoch = (int) (position / n);
            out[i] = permutation(epoch)[(int) (position % n)];
        }
        return out;
    }

    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    /**
     * The epoch's order: a seeded shuffle, then within each window of eight batches the examples
     * sorted by length (so that a batch pads little), then the window's batches in a seeded order.
     */
    private int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            var random = new SplittableRandom(seed * 1_000_003L + epoch);
            int[] p = shuffled(examples.size(), random);
            int window = settings.batch() * 8;
            for (int start = 0; start < p.length; start += window) {
                int end = Math.min(p.length, start + window);
                Integer[] part = new Integer[end - start];
                for (int i = start; i < end; i++) {
                    part[i - start] = p[i];
                }
                java.util.Arrays.sort(part, java.util.Comparator.comparingInt((Integer i) -> examples.get(i).ids().length)
                        .thenComparingInt(i -> i));
                int batches = (part.length + settings.batch() - 1) / settings.batch();
                int[] order = shuffled(batches, random);
                int k = start;
                for (int b : order) {
                    for (int i = b * settings.batch(); i < Math.min(part.length, (b + 1) * settings.batch()); i++) {
                        p[k++] = part[i];
                    }
                }
            }
            cachedEpoch = epoch;
            cachedPermutation = p;
        }
        return cachedPermutation;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    double learningRate(int step) {
        int warmup = Math.max(1, (int) (settings.steps() * settings.warmupFraction()));
        if (step < warmup) {
            return settings.learningRate() * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, settings.steps() - warmup);
        double floor = 0.1;
        return settings.learningRate() * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    private void update(int step, NDManager scope) {
        var gradients = new LinkedHashMap<String, NDArray>();
        double squares = 0;
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            NDArray g = entry.getValue().getGradient();
            g.attach(scope);
            gradients.put(entry.getKey(), g);
            squares += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        double clip = norm > settings.clip() ? settings.clip() / norm : 1;
        double lr = learningRate(step);
        int t = step + 1;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
            String name = entry.getKey();
            NDArray w = entry.getValue();
            NDArray g = gradients.get(name).mul((float) clip);
            NDArray m = firstMoments.get(name);
            NDArray v = secondMoments.get(name);
            m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
            v.muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
            NDArray denominator = v.div((float) bc2).sqrt().add((float) ADAM_EPSILON);
            if (w.getShape().dimension() == 2 && settings.weightDecay() > 0 && !name.endsWith("positions")
                    && !name.endsWith("embedding")) {
                w.muli((float) (1 - lr * settings.weightDecay()));
            }
            w.subi(m.div(denominator).mul((float) (lr / bc1)));
            gradients.get(name).subi(gradients.get(name));
        }
    }

    /** The tensors of one batch, owned by the step's manager; no pixels where the run reads frozen image features. */
    record Batch(NDArray pixels, NDArray ids, NDArray bias, NDArray targets, float targetCount, int length,
                 NDArray denseTargets, NDArray denseOffsets, NDArray denseMask, float denseCount, NDArray denseX,
                 NDArray denseY) {

        static Batch of(int[] indices, List<TrainingExamples.Example> examples, TrainingExamples data,
                        dev.lacy.onnx.writer.TinyLlavaConfig c, CoordinateTokens coordinates, int classes, boolean withPixels,
                        float actionWeight, NDManager manager) {
            int n = indices.length;
            int length = 0;
            for (int index : indices) {
                length = Math.max(length, examples.get(index).ids().length);
            }
            int k = c.imageTokens();
            int total = k + length;
            int vocab = c.vocab();
            int pixelCount = 3 * c.imageSize() * c.imageSize();
            float[] pixels = new float[withPixels ? n * pixelCount : 0];
            long[] ids = new long[n * length];
            float[] bias = new float[n * total * total];
            float[] targets = new float[n * length * vocab];
            float targetCount = 0;
            int grid = c.grid();
            List<float[]> denseRows = new ArrayList<>();
            float[] offsets = new float[n * k * 2];
            float[] mask = new float[n * k];
            int bins = TinyLlavaNetwork.COORDINATE_BINS;
            float[] xTargets = new float[n * k * bins];
            float[] yTargets = new float[n * k * bins];
            float denseCount = 0;
            for (int b = 0; b < n; b++) {
                TrainingExamples.Example e = examples.get(indices[b]);
                if (withPixels) {
                    data.pixels(e.image(), pixels, b * pixelCount);
                }
                int len = e.ids().length;
                System.arraycopy(e.ids(), 0, ids, b * length, len);
                for (int q = 0; q < total; q++) {
                    for (int key = 0; key < total; key++) {
                        boolean allowed = key <= q && key < k + len;
                        bias[(b * total + q) * total + key] = allowed ? 0 : -1e9f;
                    }
                }
                boolean exact = false;
                boolean action = false;
                for (int t = e.promptLength(); t < len; t++) {
                    int id = (int) e.ids()[t];
                    int row = (b * length + t) * vocab;
                    if (coordinates.binOf()[id] >= 0 && !exact) {
                        softCoordinate(targets, row, coordinates.idOf(), coordinates.binOf()[id]);
                    } else {
                        targets[row + id] = 1;
                    }
                    float weight = action ? actionWeight : 1;
                    if (weight != 1) {
                        for (int v = 0; v < vocab; v++) {
                            targets[row + v] *= weight;
                        }
                    }
                    // a caption's answer starts after the grounding sentence's newline, and so does L2A's action
                    exact |= e.task() == LacyTask.GROUNDING && id == coordinates.newline();
                    action |= e.task() == LacyTask.L2A && id == coordinates.newline();
                    targetCount += weight;
                }
                int[] cls = data.denseClasses(e.image());
                float[] off = data.denseOffsets(e.image());
                denseRows.add(toFloat(cls));
                for (int cell = 0; cell < grid * grid; cell++) {
                    if (cls[cell] > 0) {
                        mask[b * k + cell] = 1;
                        offsets[(b * k + cell) * 2] = off[2 * cell];
                        offsets[(b * k + cell) * 2 + 1] = off[2 * cell + 1];
                        gaussian(xTargets, (b * k + cell) * bins, bins,
                                (int) Math.round(100 * (cell % grid + off[2 * cell]) / grid));
                        gaussian(yTargets, (b * k + cell) * bins, bins,
                                (int) Math.round(100 * (cell / grid + off[2 * cell + 1]) / grid));
                        denseCount++;
                    }
                }
            }
            return new Batch(withPixels ? manager.create(pixels, new Shape(n, 3, c.imageSize(), c.imageSize())) : null,
                    manager.create(ids, new Shape(n, length)), manager.create(bias, new Shape(n, 1, total, total)),
                    manager.create(targets, new Shape(n, length, vocab)), Math.max(1, targetCount), length,
                    denseTargets(denseRows, classes, manager), manager.create(offsets, new Shape(n, k, 2)),
                    manager.create(mask, new Shape(n, k, 1)), denseCount,
                    manager.create(xTargets, new Shape(n, k, bins)), manager.create(yTargets, new Shape(n, k, bins)));
        }

        private static void gaussian(float[] targets, int row, int bins, int bin) {
            float sum = 0;
            for (int i = Math.max(0, bin - 3); i <= Math.min(bins - 1, bin + 3); i++) {
                double d = (i - bin) / COORDINATE_SIGMA;
                targets[row + i] = (float) Math.exp(-0.5 * d * d);
                sum += targets[row + i];
            }
            for (int i = Math.max(0, bin - 3); i <= Math.min(bins - 1, bin + 3); i++) {
                targets[row + i] /= sum;
            }
        }

        private static float[] toFloat(int[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i];
            }
            return out;
        }

        /** One-hot class targets {@code [batch, tokens, classes]}, built on the device from class indices. */
        private static NDArray denseTargets(List<float[]> rows, int classes, NDManager manager) {
            int n = rows.size();
            int k = rows.get(0).length;
            float[] flat = new float[n * k];
            for (int b = 0; b < n; b++) {
                System.arraycopy(rows.get(b), 0, flat, b * k, k);
            }
            return manager.create(flat, new Shape(n, k)).toType(DataType.INT64, false).oneHot(classes);
        }

        /** The Gaussian over the coordinate tokens near {@code bin}; {@code ids} maps a bin to its token id or -1. */
        private static void softCoordinate(float[] targets, int row, int[] ids, int bin) {
            float[] weights = new float[7];
            float sum = 0;
            for (int d = -3; d <= 3; d++) {
                int b = bin + d;
                if (b >= 0 && b < ids.length && ids[b] >= 0) {
                    weights[d + 3] = (float) Math.exp(-0.5 * (d / COORDINATE_SIGMA) * (d / COORDINATE_SIGMA));
                    sum += weights[d + 3];
                }
            }
            for (int d = -3; d <= 3; d++) {
                if (weights[d + 3] > 0) {
                    targets[row + ids[bin + d]] = weights[d + 3] / sum;
                }
            }
        }
    }

    /**
     * The coordinate tokens {@code 0.00..1.00} of a vocabulary, both ways: {@code binOf[id]} is the bin of a
     * token (-1 for other tokens), {@code idOf[bin]} the token of a bin (-1 where the vocabulary has none);
     * and the newline's token, which ends a completion's first line.
     */
    record CoordinateTokens(int[] binOf, int[] idOf, long newline) {

        static CoordinateTokens of(LacyTokenizer tokenizer) {
            int[] binOf = new int[tokenizer.size()];
            int[] idOf = new int[TinyLlavaNetwork.COORDINATE_BINS];
            java.util.Arrays.fill(idOf, -1);
            for (int id = 0; id < tokenizer.size(); id++) {
                String token = tokenizer.token(id);
                binOf[id] = token.matches("[01]\\.[0-9]{2}") ? Math.round(Float.parseFloat(token) * 100) : -1;
                if (binOf[id] >= 0 && binOf[id] < idOf.length) {
                    idOf[binOf[id]] = id;
                }
            }
            return new CoordinateTokens(binOf, idOf, tokenizer.encode("\n")[0]);
        }
    }
}
