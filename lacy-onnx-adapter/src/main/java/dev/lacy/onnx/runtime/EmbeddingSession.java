package dev.lacy.onnx.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.util.RecentValues;
import dev.lacy.onnx.model.ModelManifest;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vision and embedding graphs' calls: an image's features (kept for the last image seen), a prompt's embeddings
 * after the image tokens, and the embeddings of the tokens a decode loop feeds, computed over the embedding graph's
 * text window as a whole sequence would be.
 */
final class EmbeddingSession {

    private final OrtEnvironment env;
    private final OrtSession vision;
    private final OrtSession embedding;
    private final ImagePreprocessor images;
    private final ModelManifest manifest;
    private final int hidden;
    /**
     * Whether the embedding graph takes {@value #KEEP_LAST} (lacy-tiny graphs with a text window written since it came;
     * every call then passes it).
     */
    private final boolean keepsLast;

    /** The embedding graph's input, where it has one: how many text positions, from the end, it computes and returns (0: all). */
    static final String KEEP_LAST = "keep_last";

    EmbeddingSession(OrtEnvironment env, OrtSession vision, OrtSession embedding, ImagePreprocessor images,
                     ModelManifest manifest, int hidden) {
        this.env = env;
        this.vision = vision;
        this.embedding = embedding;
        this.images = images;
        this.manifest = manifest;
        this.hidden = hidden;
        this.keepsLast = embedding.getInputNames().contains(KEEP_LAST);
    }

    /** An image by identity: looking one up costs nothing, whatever its size. */
    private record Same(RgbImage image) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same that && that.image == image;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(image);
        }
    }

    /**
     * The features of the images used lately, by identity (the vision graph takes no adapter, so every task shares
     * them): Algorithm 1 asks dozens of questions about one image, and a batch of examples (or workers side by side)
     * asks about several in turn. 64 images of lacy-tiny's features hold 2 MB.
     */
    private final RecentValues<Same, float[]> recentFeatures = new RecentValues<>(64);

    /**
     * The vision graph's output for {@code image}; computed once for the calls on the same image object while it is
     * among the images used lately. Never written to by callers.
     */
    float[] imageFeatures(RgbImage image) throws OrtException {
        return recentFeatures.get(new Same(image), same -> {
            int size = images.size();
            try (OnnxTensor pixels = OnnxTensor.createTensor(env, FloatBuffer.wrap(images.pixels(same.image())),
                    new long[] {1, 3, size, size});
                 OrtSession.Result result = vision.run(Map.of("pixel_values", pixels))) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
            }
        });
    }

    /** The image tokens then the prompt's tokens, embedded: {@code [length * hidden]} for one sequence. */
    float[] promptEmbeddings(RgbImage image, PromptTokens prompt, OrtSession.RunOptions run) throws OrtException {
        float[] features = imageFeatures(image);
        int imageTokens = features.length / hidden;
        long[] before = prompt.beforeImage();
        long[] ids = prompt.afterImage();
        if (before.length + imageTokens + ids.length >= manifest.decoder().maxPositions()) {
            throw new IllegalArgumentException("the prompt is " + (before.length + ids.length) + " tokens; with " + imageTokens
                    + " image tokens it leaves no room in the model's " + manifest.decoder().maxPositions() + " positions");
        }
        float[] imageAndAfter = run(ids, 1, features, imageTokens, 0, run);
        if (before.length == 0) {
            return imageAndAfter;
        }
        // the text before the image, embedded alone (a placeholder layout has no text window to reach across the image)
        float[] head = embed(before, 1, run);
        float[] all = new float[head.length + imageAndAfter.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(imageAndAfter, 0, all, head.length, imageAndAfter.length);
        return all;
    }

    /** Token embeddings of {@code ids} as {@code rows} sequences of {@code ids.length / rows} tokens, no image. */
    float[] embed(long[] ids, int rows, OrtSession.RunOptions run) throws OrtException {
        return embedEnds(ids, rows, ids.length / rows, run);
    }

    /**
     * Embeddings {@code [rows * keep * hidden]} of the last {@code keep} tokens of each of {@code rows} sequences of
     * {@code ids.length / rows} tokens (no image), each computed over the tokens before it in its sequence. A graph
     * with the {@code keep_last} input computes only those rows; another computes every row, and the last are copied.
     */
    float[] embedEnds(long[] ids, int rows, int keep, OrtSession.RunOptions run) throws OrtException {
        int length = ids.length / rows;
        boolean some = keep < length;
        float[] embedded = run(ids, rows, new float[0], 0, some ? keep : 0, run);
        if (!some || keepsLast) {
            return embedded;
        }
        float[] tail = new float[rows * keep * hidden];
        for (int s = 0; s < rows; s++) {
            System.arraycopy(embedded, (s * length + length - keep) * hidden, tail, s * keep * hidden, keep * hidden);
        }
        return tail;
    }

    /**
     * One call of the embedding graph: {@code rows} sequences of {@code ids}, after {@code imageTokens} image features
     * each (none: an empty array), of which the last {@code keep} text positions come back (0: all) where the graph takes
     * {@value #KEEP_LAST}, every position otherwise.
     */
    private float[] run(long[] ids, int rows, float[] features, int imageTokens, int keep, OrtSession.RunOptions run)
            throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {rows, ids.length / rows});
             OnnxTensor image = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {rows, imageTokens, hidden});
             OnnxTensor kept = keepsLast ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {keep}), new long[] {1})
                     : null) {
            var inputs = new HashMap<String, OnnxTensor>(Map.of("input_ids", input, "image_features", image));
            if (kept != null) {
                inputs.put(KEEP_LAST, kept);
            }
            try (OrtSession.Result result = embedding.run(inputs, run)) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
            }
        }
    }

    /**
     * Embeddings {@code [n * rows * hidden]} of the last {@code rows} tokens fed to each of {@code n}
     * sequences (the prompt's ids, then {@code fed}), computed from those tokens and the
     * {@code embeddingWindow - 1} before them, as the embedding graph of a whole sequence would.
     */
    float[] embedTail(long[] promptIds, List<long[]> fed, int n, int rows, OrtSession.RunOptions run)
            throws OrtException {
        int history = promptIds.length + fed.size();
        int context = Math.min(history, rows + manifest.embeddingWindow() - 1);
        long[] ids = new long[n * context];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < context; j++) {
                int t = history - context + j;
                ids[s * context + j] = t < promptIds.length ? promptIds[t] : fed.get(t - promptIds.length)[s];
            }
        }
        return embedEnds(ids, n, rows, run);
    }

    /** Without the KV cache: every sample's prompt and every token fed so far, embedded again. */
    float[] recompute(float[] prompt, long[] promptIds, List<long[]> fed, int n, OrtSession.RunOptions run)
            throws OrtException {
        int length = prompt.length / hidden + fed.size();
        float[] all = new float[n * length * hidden];
        float[] text = embedTail(promptIds, fed, n, fed.size(), run);
        int rowLength = fed.size() * hidden;
        for (int s = 0; s < n; s++) {
            int offset = s * length * hidden;
            System.arraycopy(prompt, 0, all, offset, prompt.length);
            System.arraycopy(text, s * rowLength, all, offset + prompt.length, rowLength);
        }
        return all;
    }
}
