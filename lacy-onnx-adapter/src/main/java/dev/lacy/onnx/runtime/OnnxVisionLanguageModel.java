package dev.lacy.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model package on ONNX Runtime as LACY's {@link VisionLanguageModel}.
 *
 * <p>A call runs the vision graph once, embeds the prompt after the image tokens (the image
 * placeholder is removed from the text), and prefills the decoder; then each step feeds the chosen
 * tokens of all {@code n} samples as one batch, with the KV cache fed back from {@code present.*}
 * to {@code past_key_values.*} without a copy. Decoding stops at the end-of-sequence token, the
 * token budget, or before a stop sequence. A task with an adapter in the manifest runs with that
 * LoRA adapter active; others run the base model. {@link #generateAll} and {@link #scoreAll} compute several requests
 * of one task in shared decoder calls ({@link BatchDecoding}), each as it would be alone.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently and a call keeps its state to itself.
 * Close it to release the native sessions: closing waits for the calls in flight (freeing a session under a running call
 * crashed the JVM), and a closed model refuses calls.
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
    private final BatchDecoding batches;
    private final UncachedDecoding uncached;
    private volatile boolean closed;
    /** Calls hold it shared, {@link #close()} exclusively: the native sessions are never freed under a running call. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock calls = new java.util.concurrent.locks.ReentrantReadWriteLock();

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
            this.batches = new BatchDecoding(manifest, tokenizer, decoding, embeddings, endOfSequence);
            this.uncached = new UncachedDecoding(manifest, tokenizer, decoding, embeddings, endOfSequence, batches);
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
        return generateAll(List.of(request)).get(0);
    }

    /**
     * The requests in batches: those of one task together (they share an adapter), and, unless the decoder takes padded
     * batches, of one prompt length; each gets what it would get alone.
     */
    @Override
    public List<List<String>> generateAll(List<GenerationRequest> requests) {
        calls.readLock().lock();
        try {
            requireOpen();
            return generateOpen(requests);
        } finally {
            calls.readLock().unlock();
        }
    }

    private List<List<String>> generateOpen(List<GenerationRequest> requests) {
        boolean padded = manifest.decoder().paddedBatches();
        var groups = new LinkedHashMap<List<Object>, List<Integer>>();
        for (int i = 0; i < requests.size(); i++) {
            GenerationRequest r = requests.get(i);
            // a decoder that takes padded batches needs no grouping by length (and the prompt is tokenized once, later)
            int length = -1;
            if (!padded) {
                PromptTokens tokens = PromptTokens.of(r.prompt(), manifest, tokenizer);
                length = tokens.beforeImage().length + tokens.afterImage().length;
            }
            groups.computeIfAbsent(List.of(r.task(), length), k -> new ArrayList<>()).add(i);
        }
        var answers = new ArrayList<List<String>>(java.util.Collections.nCopies(requests.size(), null));
        for (List<Integer> group : groups.values()) {
            List<GenerationRequest> members = group.stream().map(requests::get).toList();
            LacyTask task = members.get(0).task();
            try (OrtSession.RunOptions run = runOptions(task, adapters);
                 OrtSession.RunOptions embeddingRun = runOptions(task, embeddingAdapters)) {
                List<List<String>> done = kvCache ? batches.generate(members, run, embeddingRun)
                        : members.stream().map(r -> uncached.generate(r, run, embeddingRun)).toList();
                for (int m = 0; m < group.size(); m++) {
                    answers.set(group.get(m), done.get(m));
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed while generating: " + e.getMessage(), e);
            }
        }
        return List.copyOf(answers);
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        return scoreAll(List.of(request)).get(0);
    }

    /** The requests of one task in one decoder call each task (a prefill needs no equal lengths: positions are slots). */
    @Override
    public List<BinaryLogits> scoreAll(List<BinaryChoiceRequest> requests) {
        calls.readLock().lock();
        try {
            requireOpen();
            return scoreOpen(requests);
        } finally {
            calls.readLock().unlock();
        }
    }

    private List<BinaryLogits> scoreOpen(List<BinaryChoiceRequest> requests) {
        for (BinaryChoiceRequest r : requests) {
            tokenizer.singleToken(r.positive());
            tokenizer.singleToken(r.negative());
        }
        var groups = new LinkedHashMap<LacyTask, List<Integer>>();
        for (int i = 0; i < requests.size(); i++) {
            groups.computeIfAbsent(requests.get(i).task(), k -> new ArrayList<>()).add(i);
        }
        var answers = new ArrayList<BinaryLogits>(java.util.Collections.nCopies(requests.size(), null));
        for (var group : groups.entrySet()) {
            try (OrtSession.RunOptions run = runOptions(group.getKey(), adapters);
                 OrtSession.RunOptions embeddingRun = runOptions(group.getKey(), embeddingAdapters)) {
                List<BinaryLogits> done = batches.score(group.getValue().stream().map(requests::get).toList(), run, embeddingRun);
                for (int m = 0; m < done.size(); m++) {
                    answers.set(group.getValue().get(m), done.get(m));
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed while scoring: " + e.getMessage(), e);
            }
        }
        return List.copyOf(answers);
    }

    /** Waits for the calls in flight to end, then releases the native sessions; later calls throw. */
    @Override
    public void close() {
        calls.writeLock().lock();
        try {
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
        } finally {
            calls.writeLock().unlock();
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

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the ONNX vision-language model is closed");
        }
    }
}
