package dev.lacy.onnx.tiny;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weights of a {@link TinyLlavaConfig} model, row-major: a matrix {@code [in, out]} multiplies
 * from the right ({@code y = x W}). Mutable arrays, owned by whoever built them; not thread-safe.
 */
public record TinyLlavaWeights(TinyLlavaConfig config, float[] patchW, float[] patchB, float[] projW, float[] projB,
                               float[] imagePositions, float[] tokenEmbedding, float[] positionEmbedding,
                               List<Layer> layers, float[] finalGamma, float[] finalBeta, float[] lmHead,
                               List<Layer> visionLayers, float[] textMix) {

    /** Weights without the text mix ({@link TinyLlavaConfig#textWindow()} 0 or 1). */
    public TinyLlavaWeights(TinyLlavaConfig config, float[] patchW, float[] patchB, float[] projW, float[] projB,
                            float[] imagePositions, float[] tokenEmbedding, float[] positionEmbedding,
                            List<Layer> layers, float[] finalGamma, float[] finalBeta, float[] lmHead,
                            List<Layer> visionLayers) {
        this(config, patchW, patchB, projW, projB, imagePositions, tokenEmbedding, positionEmbedding, layers, finalGamma,
                finalBeta, lmHead, visionLayers, new float[0]);
    }

    public TinyLlavaWeights {
        if (textMix.length != config.textMixRows() * config.hidden()) {
            throw new IllegalArgumentException("the text mix has " + textMix.length + " weights, the configuration (textWindow "
                    + config.textWindow() + ") needs " + config.textMixRows() * config.hidden());
        }
        if (visionLayers.size() != config.visionLayers() || layers.size() != config.layers()) {
            throw new IllegalArgumentException("the weights have " + layers.size() + " decoder and " + visionLayers.size()
                    + " vision layers, the configuration " + config.layers() + " and " + config.visionLayers());
        }
        layers = List.copyOf(layers);
        visionLayers = List.copyOf(visionLayers);
    }

    /** One transformer layer. */
    public record Layer(float[] ln1Gamma, float[] ln1Beta, float[] q, float[] k, float[] v, float[] o,
                        float[] ln2Gamma, float[] ln2Beta, float[] mlp1, float[] mlp1Bias, float[] mlp2, float[] mlp2Bias) {

        /** The weight matrix of a LoRA target ({@code q, k, v, o, mlp1, mlp2}). */
        public float[] matrix(String target) {
            return switch (target) {
                case "q" -> q;
                case "k" -> k;
                case "v" -> v;
                case "o" -> o;
                case "mlp1" -> mlp1;
                case "mlp2" -> mlp2;
                default -> throw new IllegalArgumentException("no LoRA target '" + target + "'");
            };
        }
    }

    /** Small random weights (normal, standard deviation {@code 0.5 / sqrt(fan-in)}), unit norms. */
    public static TinyLlavaWeights random(TinyLlavaConfig c, long seed) {
        var random = new SplittableRandom(seed);
        int d = c.hidden();
        var layers = new ArrayList<Layer>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(randomLayer(c, random));
        }
        var patchW = normal(random, c.patchInputs(), d);
        var patchB = small(random, d);
        var projW = normal(random, d, d);
        var projB = small(random, d);
        var imagePositions = normal(random, c.imageTokens(), d);
        var tokenEmbedding = normal(random, c.vocab(), d);
        var positionEmbedding = normal(random, c.maxPositions(), d);
        var lmHead = normal(random, d, c.vocab());
        var vision = new ArrayList<Layer>();
        for (int i = 0; i < c.visionLayers(); i++) {
            vision.add(randomLayer(c, random));
        }
        // zero: a new model starts as one without the mix, and learns what to take from the tokens before
        float[] textMix = zeros(c.textMixRows() * d);
        return new TinyLlavaWeights(c, patchW, patchB, projW, projB, imagePositions, tokenEmbedding, positionEmbedding,
                layers, ones(d), zeros(d), lmHead, vision, textMix);
    }

    private static Layer randomLayer(TinyLlavaConfig c, SplittableRandom random) {
        int d = c.hidden();
        return new Layer(ones(d), zeros(d), normal(random, d, d), normal(random, d, d), normal(random, d, d),
                normal(random, d, d), ones(d), zeros(d), normal(random, d, c.mlp()), small(random, c.mlp()),
                normal(random, c.mlp(), d), small(random, d));
    }

    private static float[] normal(SplittableRandom random, int rows, int columns) {
        float[] w = new float[rows * columns];
        double scale = 0.5 / Math.sqrt(rows);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (gaussian(random) * scale);
        }
        return w;
    }

    private static float[] small(SplittableRandom random, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (gaussian(random) * 0.02);
        }
        return w;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    private static float[] zeros(int n) {
        return new float[n];
    }
}
