package dev.lacy.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.model.ModelPackageException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model package on ONNX Runtime as LACY's {@link VisionLanguageModel}.
 *
 * <p>A call runs the vision graph once, embeds the prompt after the image tokens (the image
 * placeholder is removed from the text), and prefills the decoder; then each step feeds the chosen
 * tokens of all {@code n} samples as one batch, with the KV cache fed back from {@code present.*}
 * to {@code past_key_values.*} without a copy. Decoding stops at the end-of-sequence token, the
 * token budget, or before a stop sequence. A task with an adapter in the manifest runs with that
 * LoRA adapter active; others run the base model.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently and a call keeps its state to itself.
 * Close it to release the native sessions; a closed model refuses calls.
 */
public final class OnnxVisionLanguageModel implements VisionLanguageModel {

    private static final System.Logger LOG = System.getLogger(OnnxVisionLanguageModel.class.getName());

    private final ModelManifest manifest;
    private final OrtEnvironment env;
    private final OrtSession vision;
    private final OrtSession embedding;
    private final OrtSession decoder;
    private final Map<String, OrtLoraAdapter> adapters = new HashMap<>();
    private final Map<String, OrtLoraAdapter> embeddingAdapters = new HashMap<>();
    private final TextTokenizer tokenizer;
    private final ImagePreprocessor images;
    private final long endOfSequence;
    private final boolean kvCache;
    private final Device device;
    private final int hidden;
    private volatile boolean closed;

    private OnnxVisionLanguageModel(ModelPackage model, Device requested, boolean kvCache) throws OrtException, IOException {
        this.manifest = model.manifest();
        this.kvCache = kvCache;
        this.env = OnnxRuntimes.environment();
        this.hidden = manifest.decoder().heads() * manifest.decoder().headSize();
        Device actual = requested;
        OrtSession.SessionOptions options = OnnxRuntimes.sharedPoolOptions();
        if (requested != Device.CPU) {
            try {
                options.addCUDA(0);
                actual = Device.CUDA;
            } catch (OrtException | RuntimeException e) {
                if (requested == Device.CUDA) {
                    options.close();
                    throw new IllegalStateException("CUDA was requested but is not available (" + e.getMessage()
                            + "); build with -Dcuda for the onnxruntime_gpu artifact, on a machine with an NVIDIA GPU", e);
                }
                LOG.log(System.Logger.Level.WARNING, "CUDA is not available ({0}); running on the CPU", e.getMessage());
                actual = Device.CPU;
                options.close();
                options = OnnxRuntimes.sharedPoolOptions();
            }
        }
        this.device = actual;
        // whatever fails below (a graph that does not load or validate, an inconsistent package) closes what was
        // opened before it: the sessions hold native memory
        var opened = new ArrayList<AutoCloseable>(List.of(options));
        try {
            this.vision = remember(opened, env.createSession(model.file(manifest.graphs().get("vision")).toString(), options));
            this.embedding = remember(opened, env.createSession(model.file(manifest.graphs().get("embedding")).toString(), options));
            this.decoder = remember(opened, env.createSession(model.file(manifest.graphs().get("decoder")).toString(), options));
            opened.remove(options);
            options.close(); // the sessions keep what they need of it
            validate(model.directory());
            for (Map.Entry<String, String> adapter : manifest.adapters().entrySet()) {
                adapters.put(adapter.getKey(), remember(opened, OrtLoraAdapter.create(model.file(adapter.getValue()).toString())));
            }
            for (Map.Entry<String, String> adapter : manifest.embeddingAdapters().entrySet()) {
                embeddingAdapters.put(adapter.getKey(),
                        remember(opened, OrtLoraAdapter.create(model.file(adapter.getValue()).toString())));
            }
            this.tokenizer = remember(opened, new TextTokenizer(model.file(manifest.tokenizer())));
            requireConsistent(model);
            this.images = new ImagePreprocessor(manifest.image());
            this.endOfSequence = tokenizer.singleToken(manifest.special().endOfSequence());
        } catch (OrtException | IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    /**
     * What the files of a package must agree on before anything runs: the image normalisation is usable, every
     * special token is one token of the tokenizer, no token id lies beyond the decoder's logits (or the embedding
     * table behind them), and the graphs' fixed dimensions are the manifest's. A package that disagrees with itself
     * would otherwise run and produce garbage, or index out of range in native code.
     */
    private void requireConsistent(ModelPackage model) throws OrtException, IOException {
        Path dir = model.directory();
        ModelManifest.ImagePreprocessing image = manifest.image();
        if (image.size() < 1 || image.size() > 4096) {
            throw new ModelPackageException(dir, "image.size " + image.size() + " is not between 1 and 4096 pixels");
        }
        if (image.mean().size() != 3 || image.std().size() != 3) {
            throw new ModelPackageException(dir, "image.mean and image.std need 3 values (R, G, B), not "
                    + image.mean().size() + " and " + image.std().size());
        }
        for (int c = 0; c < 3; c++) {
            double mean = image.mean().get(c);
            double std = image.std().get(c);
            if (!Double.isFinite(mean) || Math.abs(mean) > 10 || !Double.isFinite(std) || std <= 1e-6 || std > 10) {
                throw new ModelPackageException(dir, "image.mean " + image.mean() + " / image.std " + image.std()
                        + " cannot normalise pixels in [0, 1]: every std must be positive, and all within 10");
            }
        }
        var special = manifest.special();
        for (String token : List.of(special.endOfSequence(), special.positive(), special.negative())) {
            try {
                tokenizer.singleToken(token);
            } catch (IllegalArgumentException e) {
                throw new ModelPackageException(dir, "the special token '" + token + "' does not fit the tokenizer: "
                        + e.getMessage(), e);
            }
        }
        long[] logits = ((TensorInfo) decoder.getOutputInfo().get("logits").getInfo()).getShape();
        long vocabulary = logits[logits.length - 1];
        long tokens = tokenizer.size();
        if (vocabulary > 0 && tokens > vocabulary) {
            throw new ModelPackageException(dir, manifest.tokenizer() + " has " + tokens + " tokens, the decoder's logits "
                    + vocabulary + ": the tokenizer does not belong to these graphs");
        }
        ModelManifest.DecoderShape shape = manifest.decoder();
        long[] key = ((TensorInfo) decoder.getInputInfo().get("past_key_values.0.key").getInfo()).getShape();
        if ((key[1] > 0 && key[1] != shape.heads()) || (key[3] > 0 && key[3] != shape.headSize())) {
            throw new ModelPackageException(dir, "the decoder's KV cache is [batch, " + key[1] + ", past, " + key[3]
                    + "], the manifest says " + shape.heads() + " heads of " + shape.headSize());
        }
        long[] embeds = ((TensorInfo) decoder.getInputInfo().get("inputs_embeds").getInfo()).getShape();
        if (embeds[2] > 0 && embeds[2] != hidden) {
            throw new ModelPackageException(dir, "the decoder takes embeddings of " + embeds[2] + " values, the manifest's "
                    + shape.heads() + " heads of " + shape.headSize() + " make " + hidden);
        }
    }

    /** Opens a model package; {@code device} AUTO falls back to the CPU, with a warning, when CUDA is missing. */
    public static OnnxVisionLanguageModel open(Path packageDirectory, Device device) {
        return open(packageDirectory, device, true);
    }

    /** As {@link #open(Path, Device)}; without the KV cache every step recomputes the whole sequence (a benchmark baseline). */
    public static OnnxVisionLanguageModel open(Path packageDirectory, Device device, boolean kvCache) {
        ModelPackage model = ModelPackage.open(packageDirectory);
        try {
            return new OnnxVisionLanguageModel(model, device, kvCache);
        } catch (OrtException | IOException e) {
            throw new ModelPackageException(packageDirectory, "cannot be loaded: " + e.getMessage(), e);
        }
    }

    public Device device() {
        return device;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        requireOpen();
        int n = request.samples();
        try (OrtSession.RunOptions run = runOptions(request.task(), adapters);
             OrtSession.RunOptions embeddingRun = runOptions(request.task(), embeddingAdapters)) {
            long[] promptIds = promptIds(request.prompt());
            float[] prompt = promptEmbeddings(request.image(), promptIds, embeddingRun);
            int promptLength = prompt.length / hidden;
            var generated = new ArrayList<List<Long>>();
            var randoms = new ArrayList<SplittableRandom>();
            boolean[] done = new boolean[n];
            for (int s = 0; s < n; s++) {
                generated.add(new ArrayList<>());
                randoms.add(SeedStreams.random(request.decoding().seed(), s, 0));
            }
            var fed = new ArrayList<long[]>();
            // the n samples share their prompt: it is computed once and its KV cache copied n times (computing n
            // identical rows made the prompt most of the cost of sampling n actions or descriptions); without the
            // KV cache (a benchmark baseline) every sequence is computed whole, as before
            Step step = kvCache && n > 1 ? tiled(decode(prompt, 1, promptLength, 0, null, run), n)
                    : decode(tile(prompt, n), n, promptLength, 0, null, run);
            try {
                // the last position is kept for the end of sequence: a completion that runs into the end of the
                // context stops one token early (and reads as truncated), so that every completion, with its end of
                // sequence, fits the context again when it is taught (an accepted triplet one token too long made
                // training refuse the whole dataset)
                int lastTokenPosition = manifest.decoder().maxPositions() - 2;
                for (int t = 0; t < request.maxNewTokens() && promptLength + t <= lastTokenPosition; t++) {
                    long[] next = new long[n];
                    boolean all = true;
                    for (int s = 0; s < n; s++) {
                        if (done[s]) {
                            next[s] = endOfSequence;
                            continue;
                        }
                        int token = TokenSampler.choose(step.lastLogits(s), request.decoding(), randoms.get(s));
                        next[s] = token;
                        if (token == endOfSequence) {
                            done[s] = true;
                        } else {
                            generated.get(s).add((long) token);
                            done[s] = hitsStop(generated.get(s), request.stopSequences());
                        }
                        all &= done[s];
                    }
                    // the next token would sit at position promptLength + t + 1: stop where it would not fit, so that a
                    // long answer ends truncated (and parses as malformed) instead of failing the run
                    if (all || t == request.maxNewTokens() - 1 || promptLength + t + 1 > lastTokenPosition) {
                        break;
                    }
                    fed.add(next);
                    Step previous = step;
                    step = kvCache
                            ? decode(embedTail(promptIds, fed, n, 1, embeddingRun), n, 1, promptLength + t, previous, run)
                            : decode(recompute(prompt, promptIds, fed, n, embeddingRun), n, promptLength + t + 1, 0, null, run);
                    previous.close();
                }
            } finally {
                step.close();
            }
            var texts = new ArrayList<String>(n);
            for (List<Long> ids : generated) {
                texts.add(cut(tokenizer.decode(ids.stream().mapToLong(Long::longValue).toArray()), request.stopSequences()));
            }
            return List.copyOf(texts);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while generating: " + e.getMessage(), e);
        }
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        requireOpen();
        long positive = tokenizer.singleToken(request.positive());
        long negative = tokenizer.singleToken(request.negative());
        try (OrtSession.RunOptions run = runOptions(request.task(), adapters);
             OrtSession.RunOptions embeddingRun = runOptions(request.task(), embeddingAdapters)) {
            float[] prompt = promptEmbeddings(request.image(), promptIds(request.prefix()), embeddingRun);
            try (Step step = decode(prompt, 1, prompt.length / hidden, 0, null, run)) {
                float[] logits = step.lastLogits(0);
                return new BinaryLogits(logits[(int) positive], logits[(int) negative]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while scoring: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            vision.close();
            embedding.close();
            decoder.close();
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the ONNX sessions failed: {0}", e.getMessage());
        }
        adapters.values().forEach(OrtLoraAdapter::close);
        embeddingAdapters.values().forEach(OrtLoraAdapter::close);
        tokenizer.close();
    }

    /** The prompt's token ids, without the image placeholder (the image tokens come first). */
    private long[] promptIds(String prompt) {
        return tokenizer.encode(prompt.replace(manifest.special().image(), ""));
    }

    /** The image tokens then the prompt's tokens, embedded: {@code [length * hidden]} for one sequence. */
    /** The image features of the last image seen, by identity: the vision graph takes no adapter, so every task shares them. */
    private record Features(RgbImage image, float[] values) {
    }

    private volatile Features lastFeatures;

    /**
     * The vision graph's output for {@code image}; computed once for consecutive calls on the same image object
     * (Algorithm 1 asks dozens of questions about one image). Never written to by callers.
     */
    private float[] imageFeatures(RgbImage image) throws OrtException {
        Features last = lastFeatures;
        if (last != null && last.image() == image) {
            return last.values();
        }
        int size = images.size();
        try (OnnxTensor pixels = OnnxTensor.createTensor(env, FloatBuffer.wrap(images.pixels(image)), new long[] {1, 3, size, size});
             OrtSession.Result result = vision.run(Map.of("pixel_values", pixels))) {
            float[] features = ((OnnxTensor) result.get(0)).getFloatBuffer().array();
            lastFeatures = new Features(image, features);
            return features;
        }
    }

    private float[] promptEmbeddings(RgbImage image, long[] ids, OrtSession.RunOptions run) throws OrtException {
        float[] features = imageFeatures(image);
        int imageTokens = features.length / hidden;
        if (imageTokens + ids.length >= manifest.decoder().maxPositions()) {
            throw new IllegalArgumentException("the prompt is " + ids.length + " tokens; with " + imageTokens
                    + " image tokens it leaves no room in the model's " + manifest.decoder().maxPositions() + " positions");
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor feats = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {1, imageTokens, hidden});
             OrtSession.Result result = embedding.run(Map.of("input_ids", input, "image_features", feats), run)) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
        }
    }

    /** Token embeddings of {@code ids} as {@code rows} sequences of {@code ids.length / rows} tokens, no image. */
    private float[] embed(long[] ids, int rows, OrtSession.RunOptions run) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {rows, ids.length / rows});
             OnnxTensor noImage = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {rows, 0, hidden});
             OrtSession.Result result = embedding.run(Map.of("input_ids", input, "image_features", noImage), run)) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
        }
    }

    /**
     * Embeddings {@code [n * rows * hidden]} of the last {@code rows} tokens fed to each of {@code n}
     * sequences (the prompt's ids, then {@code fed}), computed from those tokens and the
     * {@code embeddingWindow - 1} before them, as the embedding graph of a whole sequence would.
     */
    private float[] embedTail(long[] promptIds, List<long[]> fed, int n, int rows, OrtSession.RunOptions run)
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
        float[] embedded = embed(ids, n, run);
        if (context == rows) {
            return embedded;
        }
        float[] tail = new float[n * rows * hidden];
        for (int s = 0; s < n; s++) {
            System.arraycopy(embedded, (s * context + context - rows) * hidden, tail, s * rows * hidden, rows * hidden);
        }
        return tail;
    }

    /** Without the KV cache: every sample's prompt and every token fed so far, embedded again. */
    private float[] recompute(float[] prompt, long[] promptIds, List<long[]> fed, int n, OrtSession.RunOptions run)
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

    /** One decoder call for {@code n} sequences of {@code length} new positions after {@code past} cached ones. */
    private Step decode(float[] embeds, int n, int length, int past, Step cache, OrtSession.RunOptions run) throws OrtException {
        var owned = new ArrayList<OnnxTensor>();
        var inputs = new HashMap<String, OnnxTensor>();
        try {
            owned.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[] {n, length, hidden}));
            inputs.put("inputs_embeds", owned.get(owned.size() - 1));
            long[] mask = new long[n * (past + length)];
            Arrays.fill(mask, 1);
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {n, past + length}));
            inputs.put("attention_mask", owned.get(owned.size() - 1));
            long[] positions = new long[n * length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = past + i % length;
            }
            owned.add(OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {n, length}));
            inputs.put("position_ids", owned.get(owned.size() - 1));
            ModelManifest.DecoderShape shape = manifest.decoder();
            for (int i = 0; i < shape.layers(); i++) {
                for (String kind : List.of("key", "value")) {
                    String name = "past_key_values." + i + "." + kind;
                    if (cache == null) {
                        owned.add(OnnxTensor.createTensor(env, FloatBuffer.allocate(0),
                                new long[] {n, shape.heads(), 0, shape.headSize()}));
                        inputs.put(name, owned.get(owned.size() - 1));
                    } else {
                        inputs.put(name, cache.present("present." + i + "." + kind));
                    }
                }
            }
            OrtSession.Result result = run == null ? decoder.run(inputs) : decoder.run(inputs, run);
            return new Step(result, length);
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    /**
     * The first step of {@code n} samples from the one-sequence step {@code one} over their shared prompt: its KV cache
     * copied into {@code n} rows, its last logits shared. Closes {@code one}.
     */
    private Step tiled(Step one, int n) throws OrtException {
        try (one) {
            var presents = new HashMap<String, OnnxTensor>();
            try {
                ModelManifest.DecoderShape shape = manifest.decoder();
                for (int i = 0; i < shape.layers(); i++) {
                    for (String kind : List.of("key", "value")) {
                        String name = "present." + i + "." + kind;
                        OnnxTensor single = one.present(name);
                        long[] dims = single.getInfo().getShape();
                        FloatBuffer values = single.getFloatBuffer();
                        int size = values.remaining();
                        float[] copies = new float[size * n];
                        for (int c = 0; c < n; c++) {
                            values.get(values.position(), copies, c * size, size);
                        }
                        presents.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(copies),
                                new long[] {n, dims[1], dims[2], dims[3]}));
                    }
                }
            } catch (OrtException | RuntimeException e) {
                presents.values().forEach(OnnxTensor::close);
                throw e;
            }
            return new Step(one.lastLogits(0), presents);
        }
    }

    /** A decoder result: the logits and the cache, open until closed. */
    private static final class Step implements AutoCloseable {
        private final OrtSession.Result result;
        private final FloatBuffer logits;
        private final int length;
        private final int vocab;
        /** A tiled first step: the shared last logits of every sample, and the copied cache it owns. */
        private final float[] sharedLogits;
        private final Map<String, OnnxTensor> owned;

        Step(OrtSession.Result result, int length) {
            this.result = result;
            OnnxTensor tensor = (OnnxTensor) result.get("logits").orElseThrow();
            this.logits = tensor.getFloatBuffer();
            this.length = length;
            this.vocab = (int) tensor.getInfo().getShape()[2];
            this.sharedLogits = null;
            this.owned = Map.of();
        }

        Step(float[] sharedLogits, Map<String, OnnxTensor> owned) {
            this.result = null;
            this.logits = null;
            this.length = 1;
            this.vocab = sharedLogits.length;
            this.sharedLogits = sharedLogits;
            this.owned = Map.copyOf(owned);
        }

        OnnxTensor present(String name) {
            return result == null ? owned.get(name) : (OnnxTensor) result.get(name).orElseThrow();
        }

        float[] lastLogits(int sample) {
            if (sharedLogits != null) {
                return sharedLogits.clone();
            }
            float[] row = new float[vocab];
            logits.get((sample * length + length - 1) * vocab, row);
            return row;
        }

        @Override
        public void close() {
            if (result != null) {
                result.close();
            }
            owned.values().forEach(OnnxTensor::close);
        }
    }

    /** Run options with the task's adapter among {@code loaded} (the decoder's or the embedding graph's) active. */
    private OrtSession.RunOptions runOptions(LacyTask task, Map<String, OrtLoraAdapter> loaded) throws OrtException {
        var options = new OrtSession.RunOptions();
        var adapter = manifest.tasks().get(task);
        if (adapter != null && loaded.containsKey(adapter)) {
            options.addActiveLoraAdapter(loaded.get(adapter));
        }
        return options;
    }

    private static float[] tile(float[] one, int n) {
        float[] all = new float[one.length * n];
        for (int s = 0; s < n; s++) {
            System.arraycopy(one, 0, all, s * one.length, one.length);
        }
        return all;
    }

    private boolean hitsStop(List<Long> ids, List<String> stops) {
        if (stops.isEmpty()) {
            return false;
        }
        String text = tokenizer.decode(ids.stream().mapToLong(Long::longValue).toArray());
        return stops.stream().anyMatch(text::contains);
    }

    private static String cut(String text, List<String> stops) {
        int end = text.length();
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return text.substring(0, end);
    }

    private void validate(Path dir) throws OrtException {
        require(dir, "vision", vision, Map.of("pixel_values", 4), List.of("image_features"));
        require(dir, "embedding", embedding, Map.of("input_ids", 2, "image_features", 3), List.of("inputs_embeds"));
        var inputs = new HashMap<String, Integer>(Map.of("inputs_embeds", 3, "attention_mask", 2, "position_ids", 2));
        var outputs = new ArrayList<String>(List.of("logits"));
        for (int i = 0; i < manifest.decoder().layers(); i++) {
            for (String kind : List.of("key", "value")) {
                inputs.put("past_key_values." + i + "." + kind, 4);
                outputs.add("present." + i + "." + kind);
            }
        }
        require(dir, "decoder", decoder, inputs, outputs);
    }

    private static void require(Path dir, String graph, OrtSession session, Map<String, Integer> inputs, List<String> outputs)
            throws OrtException {
        Map<String, NodeInfo> actual = session.getInputInfo();
        for (Map.Entry<String, Integer> input : inputs.entrySet()) {
            NodeInfo info = actual.get(input.getKey());
            if (info == null) {
                throw new ModelPackageException(dir, "the " + graph + " graph has no input '" + input.getKey() + "' (it has "
                        + actual.keySet() + ")");
            }
            int rank = ((TensorInfo) info.getInfo()).getShape().length;
            if (rank != input.getValue()) {
                throw new ModelPackageException(dir, "the " + graph + " graph's input '" + input.getKey() + "' has rank "
                        + rank + ", not " + input.getValue());
            }
        }
        for (String output : outputs) {
            if (!session.getOutputNames().contains(output)) {
                throw new ModelPackageException(dir, "the " + graph + " graph has no output '" + output + "'");
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX vision-language model is closed");
        }
    }
}
