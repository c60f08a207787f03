package dev.lacy.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.model.ModelPackageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final long endOfSequence;
    private final boolean kvCache;
    private final Device device;
    private final int hidden;
    private final DecoderSession decoding;
    private final EmbeddingSession embeddings;
    private volatile boolean closed;

    private OnnxVisionLanguageModel(ModelPackage model, Device requested, boolean kvCache) throws OrtException, IOException {
        this.manifest = model.manifest();
        this.kvCache = kvCache;
        this.env = OnnxRuntimes.environment();
        this.hidden = manifest.decoder().hidden();
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
            PackageChecks.requireGraphs(model.directory(), manifest, vision, embedding, decoder);
            for (Map.Entry<String, String> adapter : manifest.adapters().entrySet()) {
                adapters.put(adapter.getKey(), remember(opened, OrtLoraAdapter.create(model.file(adapter.getValue()).toString())));
            }
            for (Map.Entry<String, String> adapter : manifest.embeddingAdapters().entrySet()) {
                embeddingAdapters.put(adapter.getKey(),
                        remember(opened, OrtLoraAdapter.create(model.file(adapter.getValue()).toString())));
            }
            this.tokenizer = remember(opened, new TextTokenizer(model.file(manifest.tokenizer())));
            PackageChecks.requireConsistent(model.directory(), manifest, tokenizer, vision, embedding, decoder, hidden);
            this.decoding = new DecoderSession(env, decoder, manifest, hidden);
            this.embeddings = new EmbeddingSession(env, vision, embedding, new ImagePreprocessor(manifest.image()), manifest,
                    hidden);
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

    /** How many tokens the package's tokenizer makes of {@code text} (for throughput figures). */
    public int countTokens(String text) {
        return tokenizer.encode(text).length;
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        requireOpen();
        int n = request.samples();
        try (OrtSession.RunOptions run = runOptions(request.task(), adapters);
             OrtSession.RunOptions embeddingRun = runOptions(request.task(), embeddingAdapters)) {
            PromptTokens tokens = PromptTokens.of(request.prompt(), manifest, tokenizer);
            // what the text window of a fed token reaches back into: the text after the image
            long[] promptIds = tokens.afterImage();
            float[] prompt = embeddings.promptEmbeddings(request.image(), tokens, embeddingRun);
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
            DecoderSession.Step step = kvCache && n > 1 ? decoding.tiled(decoding.decode(prompt, 1, promptLength, 0, null, run), n)
                    : decoding.decode(tile(prompt, n), n, promptLength, 0, null, run);
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
                    DecoderSession.Step previous = step;
                    step = kvCache
                            ? decoding.decode(embeddings.embedTail(promptIds, fed, n, 1, embeddingRun), n, 1, promptLength + t, previous, run)
                            : decoding.decode(embeddings.recompute(prompt, promptIds, fed, n, embeddingRun), n, promptLength + t + 1, 0, null, run);
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
            float[] prompt = embeddings.promptEmbeddings(request.image(), PromptTokens.of(request.prefix(), manifest, tokenizer),
                    embeddingRun);
            try (DecoderSession.Step step = decoding.decode(prompt, 1, prompt.length / hidden, 0, null, run)) {
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

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX vision-language model is closed");
        }
    }
}
