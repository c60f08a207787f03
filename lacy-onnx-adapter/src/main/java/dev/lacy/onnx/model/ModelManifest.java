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
 * @param groundFirst    whether every task continues from the sentence the grounding prompt gives (task {@code
 *                       GROUNDING}, the base model unless {@code tasks} maps an adapter to it) instead of grounding in
 *                       its own completion ({@code PromptFormat.groundsFirst}); only with chain of thought, false if absent
 * @param pickPhrases    whether the model was taught the instruction's own pick phrases in its reasoning ({@code
 *                       PromptFormat.pickPhrases}): what its fine-tunes are taught, not how it is read; false if absent
 * @param comparisonLine which version of the L2C comparison line the model was taught ({@code
 *                       ComparisonFormat.version}: 1, a cell against a direction by cells, or 2, by the reference's half of
 *                       its cell as well): how its line is held; 1 if absent
 * @param embeddingWindow how many text tokens, ending with a token, the embedding graph needs to embed
 *                       that token (1, the default: each token alone); the runtime passes that many
 * @param adapters       adapter name to {@code .onnx_adapter} file (the decoder's LoRA pairs)
 * @param embeddingAdapters adapter name to the {@code .onnx_adapter} file of its change to the embedding
 *                       graph (a fine-tuned text window, docs/model-package.md), for the adapters that have one
 * @param tasks          task to adapter name; a task without one runs the base model
 * @param sha256         every file of the package to its sha256
 */
public record ModelManifest(int formatVersion, String name, Map<String, String> graphs, DecoderShape decoder, String tokenizer,
                            SpecialTokens special, ImagePreprocessing image, boolean chainOfThought, boolean groundFirst,
                            boolean pickPhrases, int comparisonLine, int embeddingWindow,
                            Map<String, String> adapters, Map<String, String> embeddingAdapters, Map<LacyTask, String> tasks,
                            Map<String, String> sha256, PromptLayout prompt) {

    public static final String FILE = "lacy-model.json";
    public static final int FORMAT_VERSION = 1;
    public static final List<String> GRAPHS = List.of("vision", "embedding", "decoder");

    public ModelManifest {
        if (groundFirst && !chainOfThought) {
            throw new IllegalArgumentException("groundFirst needs chainOfThought: without it no task writes a grounding sentence");
        }
        if (pickPhrases && !chainOfThought) {
            throw new IllegalArgumentException("pickPhrases needs chainOfThought: the pick phrases are lines of the reasoning");
        }
        dev.lacy.core.format.ComparisonFormat.version(comparisonLine);
        if (comparisonLine != 1 && !chainOfThought) {
            throw new IllegalArgumentException("comparisonLine " + comparisonLine + " needs chainOfThought: the comparison line is a "
                    + "line of the reasoning");
        }
        if (embeddingWindow < 1) {
            throw new IllegalArgumentException("embeddingWindow must be 1 or more, got " + embeddingWindow);
        }
        if (prompt.image() == ImagePlacement.PLACEHOLDER && embeddingWindow > 1) {
            throw new IllegalArgumentException("prompt.image 'placeholder' needs embeddingWindow 1: a text window cannot "
                    + "reach across the image");
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
     * which need not be {@code heads x headSize}. {@code paddedBatches}: the decoder's causal mask compares cache slots
     * (not position ids) and honours {@code attention_mask}, so that sequences of different lengths can share a batch,
     * padded; without it the runtime batches only sequences of equal length.
     */
    public record DecoderShape(int layers, int heads, int headSize, int maxPositions, int kvHeads, int hidden,
                               boolean paddedBatches) {

        /** Without grouped-query attention: as many key-value heads as heads, embeddings {@code heads x headSize} wide. */
        public DecoderShape(int layers, int heads, int headSize, int maxPositions) {
            this(layers, heads, headSize, maxPositions, heads, heads * headSize, false);
        }

        /** A decoder whose batches hold sequences of one length only. */
        public DecoderShape(int layers, int heads, int headSize, int maxPositions, int kvHeads, int hidden) {
            this(layers, heads, headSize, maxPositions, kvHeads, hidden, false);
        }

        /** The same decoder, saying whether it takes padded batches. */
        public DecoderShape withPaddedBatches(boolean padded) {
            return new DecoderShape(layers, heads, headSize, maxPositions, kvHeads, hidden, padded);
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

    /** Where the image's features go in the model's input. */
    public enum ImagePlacement {
        /** Before every token (lacy-tiny): the placeholder is removed from the text. */
        FIRST,
        /** Where the placeholder stands in the text, as LLaVA's processor puts them. */
        PLACEHOLDER
    }

    /**
     * How a task's prompt becomes the model's input, so that inference sees what the fine-tune saw: the prompt put into
     * {@code template} at {@code {prompt}} (a chat template), {@code startToken} (e.g. {@code <s>}; empty for none)
     * before everything, and the image placed as {@code image} says.
     */
    public record PromptLayout(String template, String startToken, ImagePlacement image) {

        public static final String SLOT = "{prompt}";
        /** lacy-tiny's layout: the prompt as it is, no start token, the image first. */
        public static final PromptLayout PLAIN = new PromptLayout(SLOT, "", ImagePlacement.FIRST);

        public PromptLayout {
            if (template == null || template.indexOf(SLOT) < 0 || template.indexOf(SLOT) != template.lastIndexOf(SLOT)) {
                throw new IllegalArgumentException("prompt.template must hold " + SLOT + " exactly once, got '" + template + "'");
            }
            if (startToken == null || image == null) {
                throw new IllegalArgumentException("prompt.startToken and prompt.image are required");
            }
        }

        /** The model's text for a task's {@code prompt}: the template filled, the start token not included. */
        public String apply(String prompt) {
            return template.replace(SLOT, prompt);
        }
    }

    /** The tokens the runtime needs by name. */
    public record SpecialTokens(String endOfSequence, String image, String positive, String negative) {
    }

    /** How an image is brought to the model's {@code size} x {@code size}. */
    public enum Resize {
        /** A bilinear stretch to the square (lacy-tiny; the trainer's {@code PixelValues}). */
        STRETCH_BILINEAR("stretch-bilinear"),
        /**
         * Hugging Face's CLIP and LLaVA-NeXT processors (PIL backend): the shortest edge to {@code size} with PIL's
         * antialiased bicubic on 8-bit pixels, then the centre {@code size} x {@code size} cropped.
         */
        SHORTEST_EDGE_BICUBIC("shortest-edge-bicubic");

        private final String manifestName;

        Resize(String manifestName) {
            this.manifestName = manifestName;
        }

        /** Its name in {@code lacy-model.json}. */
        public String manifestName() {
            return manifestName;
        }

        public static Resize named(String name) {
            for (Resize r : values()) {
                if (r.manifestName.equals(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("image.resize must be 'stretch-bilinear' or 'shortest-edge-bicubic', not '"
                    + name + "'");
        }
    }

    /**
     * Resize to {@code size} x {@code size} as {@code resize} says, scale to [0, 1], then subtract {@code mean} and divide
     * by {@code std} per channel.
     */
    public record ImagePreprocessing(int size, List<Double> mean, List<Double> std, Resize resize) {

        /** lacy-tiny's: a bilinear stretch. */
        public ImagePreprocessing(int size, List<Double> mean, List<Double> std) {
            this(size, mean, std, Resize.STRETCH_BILINEAR);
        }

        public ImagePreprocessing {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
            if (resize == null) {
                throw new IllegalArgumentException("image.resize is required");
            }
        }
    }
}
