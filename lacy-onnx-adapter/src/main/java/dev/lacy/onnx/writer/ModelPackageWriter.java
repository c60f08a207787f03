package dev.lacy.onnx.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.port.LacyTask;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a model package: the files, then the manifest with their sha256 last, each file through a
 * temporary name and a rename, so that a crash never leaves a manifest that vouches for a partial file.
 */
public final class ModelPackageWriter {

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> adapters = new TreeMap<>();
    private final Map<String, String> embeddingAdapters = new TreeMap<>();
    private final Map<LacyTask, String> tasks = new TreeMap<>();
    private int embeddingWindow = 1;
    private boolean groundFirst;
    private boolean pickPhrases;
    private int comparisonLine = 1;
    private ModelManifest.PromptLayout prompt = ModelManifest.PromptLayout.PLAIN;

    public ModelPackageWriter graph(String graph, byte[] onnx) {
        files.put(graph + ".onnx", onnx);
        return this;
    }

    public ModelPackageWriter tokenizer(byte[] tokenizerJson) {
        files.put("tokenizer.json", tokenizerJson);
        return this;
    }

    /** Another file of the package (covered by the manifest's sha256), such as a trainer's configuration. */
    public ModelPackageWriter file(String name, byte[] bytes) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.equals(ModelManifest.FILE)) {
            throw new IllegalArgumentException("'" + name + "' is not a plain file name for a model package");
        }
        files.put(name, bytes);
        return this;
    }

    public ModelPackageWriter adapter(String name, byte[] onnxAdapter) {
        files.put(name + ".onnx_adapter", onnxAdapter);
        adapters.put(name, name + ".onnx_adapter");
        return this;
    }

    /**
     * The embedding graph's part of adapter {@code name} (its change to a text window's map), applied with
     * the decoder's part whenever a task runs with that adapter.
     */
    public ModelPackageWriter embeddingAdapter(String name, byte[] onnxAdapter) {
        String file = name + ".embedding.onnx_adapter";
        files.put(file, onnxAdapter);
        embeddingAdapters.put(name, file);
        return this;
    }

    /** How prompts become the model's input (chat template, start token, image placement); plain by default. */
    public ModelPackageWriter prompt(ModelManifest.PromptLayout layout) {
        this.prompt = layout;
        return this;
    }

    /**
     * Whether every task continues from the grounding prompt's sentence (the manifest's {@code groundFirst}; false unless
     * set): for a package whose base was pretrained on the grounding prompt and whose adapters leave it to the base.
     */
    public ModelPackageWriter groundFirst(boolean first) {
        this.groundFirst = first;
        return this;
    }

    /**
     * Whether the model was taught the instruction's own pick phrases in its reasoning (the manifest's {@code pickPhrases},
     * {@code PromptFormat.pickPhrases}; false unless set): a base's fine-tunes are taught the lines the base was.
     */
    public ModelPackageWriter pickPhrases(boolean taught) {
        this.pickPhrases = taught;
        return this;
    }

    /**
     * Which version of the L2C comparison line the model was taught (the manifest's {@code comparisonLine}, {@code
     * ComparisonFormat.version}; 1 unless set, and then not written).
     */
    public ModelPackageWriter comparisonLine(int version) {
        dev.lacy.core.format.ComparisonFormat.version(version);
        this.comparisonLine = version;
        return this;
    }

    /** How many text tokens the embedding graph needs to embed the last of them (1 unless set). */
    public ModelPackageWriter embeddingWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the embedding window must be 1 or more, got " + window);
        }
        this.embeddingWindow = window;
        return this;
    }

    public ModelPackageWriter task(LacyTask task, String adapter) {
        tasks.put(task, adapter);
        return this;
    }

    public Path write(Path directory, String name, ModelManifest.DecoderShape decoder, ModelManifest.SpecialTokens special,
                      ModelManifest.ImagePreprocessing image, boolean chainOfThought) {
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("formatVersion", ModelManifest.FORMAT_VERSION).put("name", name);
        ObjectNode graphs = root.putObject("graphs");
        for (String graph : ModelManifest.GRAPHS) {
            graphs.put(graph, graph + ".onnx");
        }
        root.putObject("decoder").put("layers", decoder.layers()).put("heads", decoder.heads())
                .put("headSize", decoder.headSize()).put("maxPositions", decoder.maxPositions())
                .put("kvHeads", decoder.kvHeads()).put("hidden", decoder.hidden());
        if (decoder.paddedBatches()) {
            ((ObjectNode) root.get("decoder")).put("paddedBatches", true);
        }
        root.put("tokenizer", "tokenizer.json");
        root.putObject("specialTokens").put("endOfSequence", special.endOfSequence()).put("image", special.image())
                .put("positive", special.positive()).put("negative", special.negative());
        ObjectNode img = root.putObject("image").put("size", image.size());
        image.mean().forEach(img.putArray("mean")::add);
        image.std().forEach(img.putArray("std")::add);
        if (image.resize() != ModelManifest.Resize.STRETCH_BILINEAR) {
            img.put("resize", image.resize().manifestName());
        }
        root.put("chainOfThought", chainOfThought);
        if (groundFirst) {
            if (!chainOfThought) {
                throw new IllegalArgumentException("a package that grounds first needs chain of thought");
            }
            root.put("groundFirst", true);
        }
        if (pickPhrases) {
            if (!chainOfThought) {
                throw new IllegalArgumentException("pick phrases are lines of the chain of thought: a package without it has none");
            }
            root.put("pickPhrases", true);
        }
        if (comparisonLine != 1) {
            if (!chainOfThought) {
                throw new IllegalArgumentException("the comparison line is a line of the chain of thought: a package without it has none");
            }
            root.put("comparisonLine", comparisonLine);
        }
        if (embeddingWindow > 1) {
            root.put("embeddingWindow", embeddingWindow);
        }
        if (!prompt.equals(ModelManifest.PromptLayout.PLAIN)) {
            root.putObject("prompt").put("template", prompt.template()).put("startToken", prompt.startToken())
                    .put("image", prompt.image() == ModelManifest.ImagePlacement.FIRST ? "first" : "placeholder");
        }
        ObjectNode adapterNode = root.putObject("adapters");
        adapters.forEach(adapterNode::put);
        for (String adapterName : embeddingAdapters.keySet()) {
            if (!adapters.containsKey(adapterName)) {
                throw new IllegalStateException("the embedding adapter '" + adapterName + "' has no decoder adapter of that name");
            }
        }
        if (!embeddingAdapters.isEmpty()) {
            ObjectNode embeddingNode = root.putObject("embeddingAdapters");
            embeddingAdapters.forEach(embeddingNode::put);
        }
        ObjectNode taskNode = root.putObject("tasks");
        tasks.forEach((task, adapter) -> taskNode.put(task.name(), adapter));
        ObjectNode sha = root.putObject("sha256");
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                atomically(directory.resolve(file.getKey()), file.getValue());
                sha.put(file.getKey(), ModelPackage.sha256(file.getValue()));
            }
            atomically(directory.resolve(ModelManifest.FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model package " + directory, e);
        }
        return directory;
    }

    private static void atomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
