package dev.lacy.onnx.writer;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaParameters;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.tiny.Rotary;
import java.util.Map;

/**
 * A plain-Java forward pass of a lacy-tiny model, written from the architecture's definition (not
 * from the graphs), for batch 1 and full recomputation: the reference the ONNX graphs must match.
 * LoRA deltas may be merged into chosen matrices ({@code W + A B}).
 */
public final class ReferenceForwardPass {

    private final TinyLlavaWeights w;
    private final TinyLlavaConfig c;
    private final Map<String, float[]> merged;

    public ReferenceForwardPass(TinyLlavaWeights w, Map<String, float[]> mergedMatrices) {
        this.w = w;
        this.c = w.config();
        this.merged = mergedMatrices;
    }

    /** {@code [tokens][hidden]} image features of one CHW image. */
    public float[][] vision(float[] pixels) {
        int s = c.imageSize();
        int p = c.patchSize();
        int g = c.grid();
        float[][] out = new float[c.imageTokens()][];
        for (int gy = 0; gy < g; gy++) {
            for (int gx = 0; gx < g; gx++) {
                float[] patch = new float[c.patchInputs()];
                int k = 0;
                for (int ch = 0; ch < 3; ch++) {
                    for (int py = 0; py < p; py++) {
                        for (int px = 0; px < p; px++) {
                            patch[k++] = pixels[(ch * s + gy * p + py) * s + gx * p + px];
                        }
                    }
                }
                float[] e = relu(add(matmul(patch, w.patchW(), c.hidden()), w.patchB()));
                float[] f = add(matmul(e, w.projW(), c.hidden()), w.projB());
                int token = gy * g + gx;
                out[token] = add(f, row(w.imagePositions(), token, c.hidden()));
            }
        }
        for (TinyLlavaWeights.Layer l : w.visionLayers()) {
            out = layer(out, l, "", false);
        }
        return out;
    }

    public float[] tokenEmbedding(int id) {
        return row(w.tokenEmbedding(), id, c.hidden());
    }

    /**
     * The embeddings of a whole text: each token's, plus (with a text window) the text mix of the
     * {@code textWindow - 1} tokens before it, written out as sums.
     */
    public float[][] textEmbeddings(int[] ids) {
        int d = c.hidden();
        float[][] out = new float[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            out[t] = tokenEmbedding(ids[t]);
            for (int k = 1; k < c.textWindow() && t - k >= 0; k++) {
                float[] previous = tokenEmbedding(ids[t - k]);
                for (int j = 0; j < d; j++) {
                    for (int i = 0; i < d; i++) {
                        out[t][j] += previous[i] * w.textMix()[((k - 1) * d + i) * d + j];
                    }
                }
            }
        }
        return out;
    }

    /** Logits {@code [positions][vocab]} for a whole sequence of embeddings, position i at i. */
    public float[][] decode(float[][] embeds) {
        int n = embeds.length;
        int d = c.hidden();
        float[][] x = new float[n][];
        for (int t = 0; t < n; t++) {
            x[t] = add(embeds[t], row(w.positionEmbedding(), t, d));
        }
        for (int i = 0; i < c.layers(); i++) {
            x = layer(x, w.layers().get(i), TinyLlavaParameters.decoderLayer(i), true);
        }
        float[][] logits = new float[n][];
        for (int t = 0; t < n; t++) {
            logits[t] = matmul(layerNorm(x[t], w.finalGamma(), w.finalBeta()), w.lmHead(), c.vocab());
        }
        return logits;
    }

    /** One pre-norm layer over all positions, causal or bidirectional. */
    private float[][] layer(float[][] x, TinyLlavaWeights.Layer l, String p, boolean causal) {
        int n = x.length;
        int d = c.hidden();
        float[][] q = new float[n][];
        float[][] k = new float[n][];
        float[][] v = new float[n][];
        for (int t = 0; t < n; t++) {
            float[] h = layerNorm(x[t], l.ln1Gamma(), l.ln1Beta());
            q[t] = matmul(h, matrix(p + "q", l.q()), d);
            k[t] = matmul(h, matrix(p + "k", l.k()), d);
            v[t] = matmul(h, matrix(p + "v", l.v()), d);
            if (causal && c.rotary()) {
                for (int head = 0; head < c.heads(); head++) {
                    Rotary.apply(c, q[t], head * c.headSize(), t);
                    Rotary.apply(c, k[t], head * c.headSize(), t);
                }
            }
        }
        float[][] next = new float[n][];
        for (int t = 0; t < n; t++) {
            int last = causal ? t : n - 1;
            float[] context = new float[d];
            for (int head = 0; head < c.heads(); head++) {
                int off = head * c.headSize();
                float[] scores = new float[last + 1];
                float max = Float.NEGATIVE_INFINITY;
                for (int u = 0; u <= last; u++) {
                    float dot = 0;
                    for (int j = 0; j < c.headSize(); j++) {
                        dot += q[t][off + j] * k[u][off + j];
                    }
                    scores[u] = dot * (float) (1 / Math.sqrt(c.headSize()));
                    max = Math.max(max, scores[u]);
                }
                float sum = 0;
                for (int u = 0; u <= last; u++) {
                    scores[u] = (float) Math.exp(scores[u] - max);
                    sum += scores[u];
                }
                for (int u = 0; u <= last; u++) {
                    for (int j = 0; j < c.headSize(); j++) {
                        context[off + j] += scores[u] / sum * v[u][off + j];
                    }
                }
            }
            float[] attended = add(x[t], matmul(context, matrix(p + "o", l.o()), d));
            float[] h2 = layerNorm(attended, l.ln2Gamma(), l.ln2Beta());
            float[] m1 = relu(add(matmul(h2, matrix(p + "mlp1", l.mlp1()), c.mlp()), l.mlp1Bias()));
            next[t] = add(attended, add(matmul(m1, matrix(p + "mlp2", l.mlp2()), d), l.mlp2Bias()));
        }
        return next;
    }

    private float[] matrix(String name, float[] base) {
        return merged.getOrDefault(name, base);
    }

    static float[] matmul(float[] x, float[] m, int out) {
        float[] y = new float[out];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < out; j++) {
                y[j] += x[i] * m[i * out + j];
            }
        }
        return y;
    }

    private static float[] add(float[] a, float[] b) {
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    private static float[] relu(float[] a) {
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = Math.max(0, a[i]);
        }
        return y;
    }

    private static float[] row(float[] m, int r, int width) {
        float[] y = new float[width];
        System.arraycopy(m, r * width, y, 0, width);
        return y;
    }

    private static float[] layerNorm(float[] x, float[] gamma, float[] beta) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double variance = 0;
        for (float v : x) {
            variance += (v - mean) * (v - mean);
        }
        variance /= x.length;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) ((x[i] - mean) / Math.sqrt(variance + 1e-5)) * gamma[i] + beta[i];
        }
        return y;
    }
}
