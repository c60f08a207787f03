package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fused attention computes what the written-out attention computes: the same outputs and the same gradients for
 * queries, keys and values; and a sequence padded at its end gets at its own positions what it gets alone.
 */
class CausalAttentionTest {

    private static final int BATCH = 3;
    private static final int HEADS = 2;
    private static final int LENGTH = 11;
    private static final int HEAD_SIZE = 8;

    @BeforeAll
    static void engine() {
        PyTorchEngine.configure();
    }

    @Test
    void theFusedAttentionHasTheWrittenOutAttentionsOutputsAndGradients() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Shape shape = new Shape(BATCH, HEADS, LENGTH, HEAD_SIZE);
            manager.getEngine().setRandomSeed(5);
            float[] q = manager.randomNormal(shape).toFloatArray();
            float[] k = manager.randomNormal(shape).toFloatArray();
            float[] v = manager.randomNormal(shape).toFloatArray();
            // a loss that weighs every output differently, so that each gradient entry is checked
            float[] weights = manager.randomNormal(shape).toFloatArray();
            Result fused = run(manager, shape, q, k, v, weights, x -> CausalAttention.of(x[0], x[1], x[2]));
            Result written = run(manager, shape, q, k, v, weights, x -> writtenOut(x[0], x[1], x[2]));
            assertThat(fused.output).containsExactly(written.output, within(1e-5f));
            assertThat(fused.dq).containsExactly(written.dq, within(1e-5f));
            assertThat(fused.dk).containsExactly(written.dk, within(1e-5f));
            assertThat(fused.dv).containsExactly(written.dv, within(1e-5f));
            // not everything zero: the comparison above compares something
            double largest = 0;
            for (float g : fused.dq) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).isGreaterThan(1e-3);
        }
    }

    @Test
    void aSequencePaddedAtItsEndGetsAtItsPositionsWhatItGetsAlone() {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            manager.getEngine().setRandomSeed(6);
            NDArray q = manager.randomNormal(new Shape(1, HEADS, LENGTH, HEAD_SIZE));
            NDArray k = manager.randomNormal(new Shape(1, HEADS, LENGTH, HEAD_SIZE));
            NDArray v = manager.randomNormal(new Shape(1, HEADS, LENGTH, HEAD_SIZE));
            int real = 7;
            float[] padded = CausalAttention.of(q, k, v).get(":, :, 0:" + real).toFloatArray();
            float[] alone = CausalAttention.of(q.get(":, :, 0:" + real), k.get(":, :, 0:" + real), v.get(":, :, 0:" + real))
                    .toFloatArray();
            assertThat(padded).containsExactly(alone, within(1e-6f));
        }
    }

    /** softmax(q k^T / sqrt(d) + mask) v, the mask -1e9 above the diagonal. */
    private static NDArray writtenOut(NDArray q, NDArray k, NDArray v) {
        float[] mask = new float[LENGTH * LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            for (int j = i + 1; j < LENGTH; j++) {
                mask[i * LENGTH + j] = -1e9f;
            }
        }
        NDArray bias = q.getManager().create(mask, new Shape(1, 1, LENGTH, LENGTH));
        return TorchScalars.mul(q, 1 / Math.sqrt(HEAD_SIZE)).matMul(k.transpose(0, 1, 3, 2)).add(bias).softmax(-1).matMul(v);
    }

    private record Result(float[] output, float[] dq, float[] dk, float[] dv) {
    }

    private static Result run(NDManager manager, Shape shape, float[] q, float[] k, float[] v, float[] weights,
                              Function<NDArray[], NDArray> attention) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] x = {scope.create(q, shape), scope.create(k, shape), scope.create(v, shape)};
            for (NDArray a : x) {
                a.setRequiresGradient(true);
            }
            float[] output;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = attention.apply(x);
                output = out.toFloatArray();
                collector.backward(out.mul(scope.create(weights, shape)).sum());
            }
            return new Result(output, x[0].getGradient().toFloatArray(), x[1].getGradient().toFloatArray(),
                    x[2].getGradient().toFloatArray());
        }
    }
}
