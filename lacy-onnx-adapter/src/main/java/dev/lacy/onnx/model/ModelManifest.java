package dev.lacy.onnx.model;

import dev.lacy.core.port.LacyTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of {@code lacy-model.json} (docs/model-package.md).
 *
 * @param formatVersion  1
 * @param name           a name for people
 * @param graphs         file of each graph: {@code vision}, {@code embedding}, {@code decoder}
 * @param decoder        the decoder's KV-cache geometry
 * @param tokenizer      the tokenizer file
 * @param special        special tokens: end of sequence, the image placeholder, the L2C answers
 * @param image          image preprocessing
 * @param chainOfThought whether completions begin with the grounding sentence
 * @param embeddingWindow how many text tokens, ending with a token, the embedding graph needs to embed
 *                       that token (1, the default: each token alone); the runtime passes that many
 * @param adapters       adapter name to {@code .onnx_adapter} file (the decoder's LoRA pairs)
 * @param embeddingAdapters adapter name to the {@code .onnx_adapter} file of its change to the embedding
 *                       graph (a fine-tuned text window, docs/model-package.md), for the adapters that have one
 * @param tasks          task to adapter name; a task without one runs the base model
 * @param sha256         every file of the package to its sha256
 */
public record ModelManifest(int formatVersion, String name, Map<String, String> graphs, DecoderShape decoder, String tokenizer,
                            SpecialTokens special, ImagePreprocessing image, boolean chainOfThought, int embeddingWindow,
                            Map<String, String> adapters, Map<String, String> embeddingAdapters, Map<LacyTask, String> tasks,
                            Map<String, String> sha256) {

    public static final String FILE = "lacy-model.json";
    public static final int FORMAT_VERSION = 1;
    public static final List<String> GRAPHS = List.of("vision", "embedding", "decoder");

    public ModelManifest {
        if (embeddingWindow < 1) {
            throw new IllegalArgumentException("embeddingWindow must be 1 or more, got " + embeddingWindow);
        }
        graphs = Map.copyOf(graphs);
        adapters = Map.copyOf(adapters);
        embeddingAdapters = Map.copyOf(embeddingAdapters);
        tasks = Map.copyOf(tasks);
        sha256 = Map.copyOf(sha256);
    }

    /** The adapter file a task runs with, if any. */
    public Optional<String> adapterFor(LacyTask task) {
        return Optional.ofNullable(tasks.get(task)).map(adapters::get);
    }

    /**
     * The decoder's geometry: {@code layers} layers of {@code heads} attention heads of {@code headSize}; its KV cache
     * {@code past_key_values.<i>.key|value [batch, kvHeads, past, headSize]}, with fewer key-value heads than attention
     * heads under grouped-query attention (Mistral, Llama 3, Qwen); {@code hidden} the width of its input embeddings,
     * which need not be {@code heads x headSize}.
     */
    public record DecoderShape(int layers, int heads, int headSize, int maxPositions, int kvHeads, int hidden) {

        /** Without grouped-query attention: as many key-value heads as heads, embeddings {@code heads x headSize} wide. */
        public DecoderShape(int layers, int heads, int headSize, int maxPositions) {
            this(layers, heads, headSize, maxPositions, heads, heads * headSize);
        }

        public DecoderShape {
            if (layers < 1 || heads < 1 || headSize < 1 || maxPositions < 1 || kvHeads < 1 || hidden < 1) {
                throw new IllegalArgumentException("decoder sizes must be positive, got layers " + layers + ", heads " + heads
                        + ", headSize " + headSize + ", maxPositions " + maxPositions + ", kvHeads " + kvHeads + ", hidden "
                        + hidden);
            }
            if (heads % kvHeads != 0) {
                throw new IllegalArgumentException("decoder.kvHeads " + kvHeads + " does not divide decoder.heads " + heads
                        + ": each key-value head serves a whole group of attention heads");
            }
        }
    }

    /** The tokens the runtime needs by name. */
    public record SpecialTokens(String endOfSequence, String image, String positive, String negative) {
    }

    /** Resize to {@code size} x {@code size}, scale to [0, 1], then subtract {@code mean} and divide by {@code std} per channel. */
    public record ImagePreprocessing(int size, List<Double> mean, List<Double> std) {
        public ImagePreprocessing {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
        }
    }
}
