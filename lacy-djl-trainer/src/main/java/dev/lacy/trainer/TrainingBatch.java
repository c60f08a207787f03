package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lacy.core.port.LacyTask;
import java.util.List;

/**
 * The tensors of one training batch, owned by the step's manager; no pixels where the run reads frozen image features.
 * Targets are soft where a token is a coordinate (a narrow Gaussian over the nearby coordinate tokens), and every
 * token of an L2A action after its grounding sentence weighs {@code actionWeight}, and every token of an L2C comparison
 * line and answer {@code l2cWeight}, taken from that completion's grounding sentence ({@link #l2cGroundingWeight}).
 * A position's target is at most {@link #SPREAD} weighted tokens ({@code targetIds}, {@code targetWeights}, both
 * {@code [batch, length, SPREAD]}; padding and prompt positions weigh 0), not a row over the vocabulary: the loss gathers
 * those log-probabilities instead of multiplying every one (docs/experiments/2026-12-04-stronger-model.md, "A faster
 * fine-tuning step").
 */
record TrainingBatch(NDArray pixels, NDArray ids, NDArray targetIds, NDArray targetWeights, float targetCount, int length,
                     Dense dense) {

    private static final double COORDINATE_SIGMA = 1.0;
    /** Target tokens per position: a coordinate's Gaussian reaches three bins either side. */
    static final int SPREAD = 7;

    /**
     * The dense heads' targets over the image tokens: one-hot classes {@code [batch, tokens, classes]}, offsets in the
     * cell {@code [batch, tokens, 2]} where an object is ({@code mask [batch, tokens, 1]}, {@code count} of them), and
     * Gaussians over the absolute x and y {@code [batch, tokens, bins]}.
     */
    record Dense(NDArray classes, NDArray offsets, NDArray mask, float count, NDArray x, NDArray y) {

        /** The heads' loss ({@link TinyLlavaForward#denseHeads}: class logits, offsets, x logits, y logits). */
        NDArray loss(NDList heads) {
            long cells = classes.getShape().get(0) * classes.getShape().get(1);
            NDArray classLoss = TorchScalars.div(heads.get(0).logSoftmax(-1).mul(classes).sum().neg(), cells);
            NDArray offsetLoss = TorchScalars.div(heads.get(1).sub(offsets).square().mul(mask).sum(), Math.max(1f, count));
            // absolute coordinates at the object's cell, against the same narrow Gaussian as coordinate tokens
            NDArray coordinateLoss = TorchScalars.div(heads.get(2).logSoftmax(-1).mul(x).sum()
                    .add(heads.get(3).logSoftmax(-1).mul(y).sum()).neg(), Math.max(1f, 2 * count));
            return classLoss.add(offsetLoss).add(coordinateLoss);
        }
    }

    /**
     * The batch of examples {@code indices}: with each image's pixels where {@code withPixels} (otherwise the run reads
     * frozen features), and the dense heads' targets over {@code classes} where {@code withDense}, otherwise none.
     */
    static TrainingBatch of(int[] indices, List<TrainingExamples.Example> examples, TrainingExamples data,
                    dev.lacy.onnx.tiny.TinyLlavaConfig c, CoordinateTokens coordinates, int classes, boolean withPixels,
                    boolean withDense, float actionWeight, float l2cWeight, NDManager manager) {
        int n = indices.length;
        int length = 0;
        for (int index : indices) {
            length = Math.max(length, examples.get(index).ids().length);
        }
        int pixelCount = 3 * c.imageSize() * c.imageSize();
        float[] pixels = new float[withPixels ? n * pixelCount : 0];
        long[] ids = new long[n * length];
        long[] targetIds = new long[n * length * SPREAD];
        float[] targetWeights = new float[n * length * SPREAD];
        float targetCount = 0;
        for (int b = 0; b < n; b++) {
            TrainingExamples.Example e = examples.get(indices[b]);
            if (withPixels) {
                data.pixels(e.image(), pixels, b * pixelCount);
            }
            int len = e.ids().length;
            System.arraycopy(e.ids(), 0, ids, b * length, len);
            // after the grounding sentence's newline: a caption's answer (exact coordinates), L2A's action, L2C's comparison
            boolean afterGrounding = false;
            float before = e.task() == LacyTask.L2C ? l2cGroundingWeight(e, coordinates.newline(), l2cWeight) : 1;
            float after = switch (e.task()) {
                case L2A -> actionWeight;
                case L2C -> l2cWeight;
                default -> 1;
            };
            for (int t = e.promptLength(); t < len; t++) {
                int id = (int) e.ids()[t];
                int slot = (b * length + t) * SPREAD;
                float weight = afterGrounding ? after : before;
                if (coordinates.binOf()[id] >= 0 && !(afterGrounding && e.task() == LacyTask.GROUNDING)) {
                    softCoordinate(targetIds, targetWeights, slot, coordinates.idOf(), coordinates.binOf()[id], weight);
                } else {
                    targetIds[slot] = id;
                    targetWeights[slot] = weight;
                }
                afterGrounding |= id == coordinates.newline();
                targetCount += weight;
            }
        }
        return new TrainingBatch(withPixels ? manager.create(pixels, new Shape(n, 3, c.imageSize(), c.imageSize())) : null,
                manager.create(ids, new Shape(n, length)),
                manager.create(targetIds, new Shape(n, length, SPREAD)), manager.create(targetWeights, new Shape(n, length, SPREAD)),
                Math.max(1, targetCount), length,
                withDense ? dense(indices, examples, data, c, classes, manager) : null);
    }

    private static Dense dense(int[] indices, List<TrainingExamples.Example> examples, TrainingExamples data,
                               dev.lacy.onnx.tiny.TinyLlavaConfig c, int classes, NDManager manager) {
        int n = indices.length;
        int k = c.imageTokens();
        int grid = c.grid();
        int bins = TinyLlavaNetwork.COORDINATE_BINS;
        float[] classIndices = new float[n * k];
        float[] offsets = new float[n * k * 2];
        float[] mask = new float[n * k];
        float[] xTargets = new float[n * k * bins];
        float[] yTargets = new float[n * k * bins];
        float count = 0;
        for (int b = 0; b < n; b++) {
            int image = examples.get(indices[b]).image();
            int[] cls = data.denseClasses(image);
            float[] off = data.denseOffsets(image);
            for (int cell = 0; cell < grid * grid; cell++) {
                classIndices[b * k + cell] = cls[cell];
                if (cls[cell] > 0) {
                    mask[b * k + cell] = 1;
                    offsets[(b * k + cell) * 2] = off[2 * cell];
                    offsets[(b * k + cell) * 2 + 1] = off[2 * cell + 1];
                    gaussian(xTargets, (b * k + cell) * bins, bins,
                            (int) Math.round(100 * (cell % grid + off[2 * cell]) / grid));
                    gaussian(yTargets, (b * k + cell) * bins, bins,
                            (int) Math.round(100 * (cell / grid + off[2 * cell + 1]) / grid));
                    count++;
                }
            }
        }
        // one-hot class targets, built on the device from the class indices
        NDArray oneHot = manager.create(classIndices, new Shape(n, k)).toType(DataType.INT64, false).oneHot(classes);
        return new Dense(oneHot, manager.create(offsets, new Shape(n, k, 2)), manager.create(mask, new Shape(n, k, 1)), count,
                manager.create(xTargets, new Shape(n, k, bins)), manager.create(yTargets, new Shape(n, k, bins)));
    }

    /** The weighted cross-entropy of log-probabilities {@code logp [batch, length, vocab]} against the targets, per unit of weight. */
    NDArray loss(NDArray logp) {
        return TorchScalars.div(logp.gather(targetIds, -1).mul(targetWeights).sum().neg(), targetCount);
    }

    /**
     * The weight of each token of an L2C completion's grounding sentence (its newline included) when every token after it
     * weighs {@code l2cWeight}: what keeps the completion's total weight its token count, and at least
     * {@link StageSettings#MIN_GROUNDING_WEIGHT}; 1 when there is nothing after it or {@code l2cWeight} is 1.
     */
    static float l2cGroundingWeight(TrainingExamples.Example e, long newline, float l2cWeight) {
        int completion = e.ids().length - e.promptLength();
        int grounding = 0;
        while (grounding < completion && e.ids()[e.promptLength() + grounding] != newline) {
            grounding++;
        }
        grounding = Math.min(completion, grounding + 1);
        int after = completion - grounding;
        if (after == 0 || l2cWeight == 1) {
            return 1;
        }
        return (float) Math.max(StageSettings.MIN_GROUNDING_WEIGHT, (completion - l2cWeight * after) / grounding);
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

    /** The Gaussian over the coordinate tokens near {@code bin}; {@code ids} maps a bin to its token id or -1. */
    private static void softCoordinate(long[] targetIds, float[] targetWeights, int slot, int[] ids, int bin, float weight) {
        float[] weights = new float[SPREAD];
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
                targetIds[slot + d + 3] = ids[bin + d];
                targetWeights[slot + d + 3] = weights[d + 3] / sum * weight;
            }
        }
    }
}
