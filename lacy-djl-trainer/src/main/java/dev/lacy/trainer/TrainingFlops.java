package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lacy.onnx.tiny.TinyLlavaConfig;

/**
 * What a training step computes, in floating-point operations, and what this machine's matrix multiply reaches, so
 * that {@code lacy bench train} reports the share of the peak the trainer achieves (MFU) instead of a guess.
 *
 * <p>The count is of the matrix multiplies (one multiply-add is two operations), as MFU is usually counted: the patch
 * embedding and projector, each vision layer (q, k, v, o, the attention scores and their weighted sum, the MLP), the
 * text window's map, each decoder layer over image and text tokens, the language-model head over the text tokens and
 * base pretraining's dense heads over the image tokens; the backward pass counts twice the forward. Norms, softmax and
 * activations are left out.
 */
public final class TrainingFlops {

    private TrainingFlops() {
    }

    /** Training operations (forward and backward) for one sequence of {@code textTokens} text tokens. */
    public static double perSequence(TinyLlavaConfig c, double textTokens, int denseClasses) {
        double h = c.hidden();
        double image = c.imageTokens();
        double forward = 2 * image * c.patchInputs() * h + 2 * image * h * h;
        forward += c.visionLayers() * layer(image, h, c.mlp());
        forward += 2 * textTokens * c.textMixRows() * h;
        forward += c.layers() * layer(image + textTokens, h, c.mlp());
        forward += 2 * textTokens * h * c.vocab();
        // dense detection heads: the object class, the offset in the cell and 101 values of each absolute coordinate
        forward += 2 * image * h * (denseClasses + 2 + 2 * 101);
        return 3 * forward;
    }

    /** One pre-norm layer over {@code n} tokens: q, k, v, o, the scores and the weighted values, the MLP. */
    private static double layer(double n, double h, double mlp) {
        return 2 * n * h * 4 * h + 2 * 2 * n * n * h + 2 * 2 * n * h * mlp;
    }

    /**
     * The best of {@code repeats} float32 {@code size x size} matrix multiplies on the training engine, in operations
     * per second: the machine's practical peak for the trainer's arithmetic, measured with the threads the trainer uses.
     */
    public static double matmulPeak(int size, int repeats) {
        PyTorchEngine.configure();
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(size, size));
            NDArray b = manager.randomUniform(-1, 1, new Shape(size, size));
            double best = 0;
            for (int r = 0; r < repeats + 2; r++) {
                long started = System.nanoTime();
                try (NDArray product = a.matMul(b)) {
                    product.getFloat(0, 0);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                if (r >= 2) {
                    best = Math.max(best, 2.0 * size * size * size / seconds);
                }
            }
            return best;
        }
    }
}
