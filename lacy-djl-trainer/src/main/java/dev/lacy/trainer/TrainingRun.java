package dev.lacy.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

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
    private final AdamW optimizer;
    private final EpochOrder order;
    private double smoothedLoss = Double.NaN;
    /** Steps whose mean duration gives the reported rate and ETA. */
    private static final int RATE_WINDOW = 20;

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
        this.optimizer = new AdamW(trainable, settings);
        this.order = new EpochOrder(examples.stream().mapToInt(e -> e.ids().length).toArray(), settings.batch(), seed);
    }

    /** Runs (or continues, from a checkpoint of the same run) to the last step; returns the final smoothed loss. */
    double run() {
        int start = Checkpoints.resume(checkpoint, fingerprint(), network.all(), optimizer.firstMoments(), optimizer.secondMoments());
        if (!full) {
            computeFrozenFeatures();
        }
        Engine engine = Engine.getEngine("PyTorch");
        // the rate and the ETA come from the recent steps, not from the first ones (which warm up the engine and ran
        // at half speed, doubling the first ETAs)
        var recent = new java.util.ArrayDeque<Long>();
        long previous = System.nanoTime();
        for (int step = start; step < settings.steps(); step++) {
            // an interrupt (the command line's answer to Ctrl-C or SIGTERM) ends the run between steps, never inside
            // one: PyTorch's native code must not be running when the JVM exits
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(stage + ": stopped at step " + step + " of " + settings.steps()
                        + " (interrupted)" + (checkpoint == null ? "" : "; the same command continues from the last checkpoint"));
            }
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
                Checkpoints.save(checkpoint, fingerprint(), step + 1, network.all(), optimizer.firstMoments(), optimizer.secondMoments());
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

    /**
     * While an adapter trains, the vision encoder is frozen: each image's features ({@code imageTokens x
     * hidden}) are computed once, in image order and fixed chunks (so a resumed run reads the same), instead
     * of at every step; the data keeps them, and lets the pixels go ({@link TrainingExamples#freeze}).
     */
    private void computeFrozenFeatures() {
        int[] images = examples.stream().mapToInt(TrainingExamples.Example::image).distinct().sorted().toArray();
        var c = network.config();
        data.freeze(images, settings.batch(), (pixels, n) -> {
            try (NDScope arrays = new NDScope(); NDManager scope = scratch()) {
                return network.vision(scope.create(pixels, new Shape(n, 3, c.imageSize(), c.imageSize()))).toFloatArray();
            }
        });
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
            System.arraycopy(data.features(examples.get(batch[b]).image()), 0, features, b * per, per);
        }
        return scope.create(features, new Shape(batch.length, c.imageTokens(), c.hidden()));
    }

    private double step(Engine engine, int step) {
        int[] batch = order.batchIndices(step);
        try (NDScope arrays = new NDScope(); NDManager scope = scratch()) {
            boolean dense = full && settings.denseWeight() > 0;
            TrainingBatch b = TrainingBatch.of(batch, examples, data, network.config(), coordinates, network.denseClasses(), full,
                    dense, (float) settings.actionWeight(), (float) settings.l2cWeight(), scope);
            NDArray loss;
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray features = full ? network.vision(b.pixels()) : frozenFeatures(batch, scope);
                NDArray text = network.embed(b.ids());
                int k = network.config().imageTokens();
                NDArray logits = network.decode(features, text, k - 1, k - 1 + b.length());
                loss = b.loss(logits.logSoftmax(-1));
                if (dense) {
                    loss = loss.add(TorchScalars.mul(b.dense().loss(network.denseHeads(features)), settings.denseWeight()));
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
            optimizer.update(step, scope);
            return value;
        }
    }

}
