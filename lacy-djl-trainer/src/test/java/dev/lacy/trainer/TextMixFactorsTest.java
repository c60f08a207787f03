package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.lacy.onnx.tiny.TinyLlavaParameters;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text window's map in factored form (eigenvectors, and the exact round trip from the exported full matrix), and a
 * window widened for the adapters.
 */
class TextMixFactorsTest {

    private static final TinyLlavaConfig CONFIG = TrainingTest.TINY.withTextWindow(5).config(40);

    @Test
    void eigenvectorsOfASymmetricMatrixComeInDescendingOrderOfTheirValues() {
        var random = new SplittableRandom(4);
        int n = 6;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextDouble(-1, 1);
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                assertThat(eigen.values()[j]).isLessThanOrEqualTo(eigen.values()[j - 1]);
            }
            double length = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i][k] * eigen.vectors()[k][j];
                }
                assertThat(av).as("(A v)[%d] of vector %d", i, j).isCloseTo(eigen.values()[j] * eigen.vectors()[i][j], within(1e-9));
                length += eigen.vectors()[i][j] * eigen.vectors()[i][j];
            }
            assertThat(length).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void aFactoredMapExportedAsItsProductIsFactoredAgainExactlyAndAFullRankOneIsLeftWhole() {
        PyTorchEngine.configure();
        var random = new SplittableRandom(9);
        long[] ids = {3, 17, 5, 5, 22, 9, 31, 2};
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch");
             var factored = new TinyLlavaNetwork(manager, TinyLlavaWeights.random(CONFIG, 3), 1, 3)) {
            factored.factorTextMix(3, 3);
            NDArray up = factored.baseParameters().get("text_mix_up");
            up.set(TinyLlavaNetwork.normal(random, (int) up.size(), 0.3));
            float[] expected = embed(factored, manager, ids);

            try (var reread = new TinyLlavaNetwork(manager, NetworkExport.weights(factored), 1, 3)) {
                float[] whole = embed(reread, manager, ids);
                assertThat(reread.refactorTextMix(CONFIG.hidden() / 2)).isEqualTo(3);
                assertThat(reread.baseParameters()).doesNotContainKey("text_mix").containsKeys("text_mix_down", "text_mix_up");
                float[] again = embed(reread, manager, ids);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(whole[i]).as("full matrix, value %d", i).isCloseTo(expected[i], within(1e-5f));
                    assertThat(again[i]).as("factored again, value %d", i).isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch");
             var full = new TinyLlavaNetwork(manager, TinyLlavaWeights.random(CONFIG, 3), 1, 3)) {
            NDArray mix = full.baseParameters().get("text_mix");
            mix.set(TinyLlavaNetwork.normal(random, (int) mix.size(), 0.3));
            assertThat(full.refactorTextMix(CONFIG.hidden() / 2)).isEqualTo(-1);
            assertThat(full.baseParameters()).containsKey("text_mix").doesNotContainKey("text_mix_up");
        }
    }

    @Test
    void aWindowWidenedForTheAdaptersComputesWhatTheNarrowOneDidUntilTheAdapterChangesIt() {
        PyTorchEngine.configure();
        var random = new SplittableRandom(5);
        long[] ids = {3, 17, 5, 5, 22, 9, 31, 2, 8, 8, 14};
        TinyLlavaWeights narrow = TinyLlavaWeights.random(CONFIG, 4);
        float[] mix = narrow.textMix();
        System.arraycopy(TinyLlavaNetwork.normal(random, mix.length, 0.3), 0, mix, 0, mix.length);
        TinyLlavaWeights wide = TinyLlavaParameters.withTextWindow(narrow, 8);
        assertThat(wide.config().textWindow()).isEqualTo(8);
        assertThat(wide.textMix()).hasSize(7 * CONFIG.hidden() * CONFIG.hidden());
        assertThat(java.util.Arrays.copyOf(wide.textMix(), mix.length)).containsExactly(mix);
        assertThat(TinyLlavaParameters.withTextWindow(narrow, 5)).as("as wide already").isSameAs(narrow);
        assertThat(TinyLlavaParameters.withTextWindow(narrow, 0)).as("the base's window").isSameAs(narrow);
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch");
             var before = new TinyLlavaNetwork(manager, narrow, 1, 3);
             var after = new TinyLlavaNetwork(manager, wide, 1, 3)) {
            float[] expected = embed(before, manager, ids);
            float[] widened = embed(after, manager, ids);
            for (int i = 0; i < expected.length; i++) {
                assertThat(widened[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
            }
            // the adapter's change reaches the new offsets: a token seven back now counts
            after.addLora(java.util.List.of("q"), 2, 4, 3);
            NDArray delta = after.windowDelta().orElseThrow();
            assertThat(delta.getShape().get(0)).isEqualTo(7L * CONFIG.hidden());
            delta.set(TinyLlavaNetwork.normal(random, (int) delta.size(), 0.3));
            float[] changed = embed(after, manager, ids);
            int lastRow = (ids.length - 1) * CONFIG.hidden();
            long[] otherFarToken = ids.clone();
            otherFarToken[ids.length - 8] = 30;
            float[] changedFar = embed(after, manager, otherFarToken);
            assertThat(changedFar[lastRow]).as("the last token's embedding depends on the token seven back")
                    .isNotCloseTo(changed[lastRow], within(1e-4f));
        }
    }

    private static float[] embed(TinyLlavaNetwork network, NDManager manager, long[] ids) {
        try (NDArray input = manager.create(ids).reshape(1, ids.length); NDArray out = network.embed(input)) {
            return out.toFloatArray();
        }
    }
}
