package dev.lacy.onnx.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.port.LacyTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model package on disk, read and validated: the manifest parses; every file it names lies inside
 * the package, exists and matches its sha256; every task and adapter it maps exists. Immutable.
 */
public final class ModelPackage {

    private final Path directory;
    private final ModelManifest manifest;

    private ModelPackage(Path directory, ModelManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    public static ModelPackage open(Path directory) {
        var model = new ModelPackage(directory, readManifest(directory));
        model.verifyFiles();
        return model;
    }

    /** The manifest alone, parsed and checked for consistency but without reading (or hashing) the files. */
    public static ModelManifest readManifest(Path directory) {
        Path file = directory.resolve(ModelManifest.FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ModelPackageException(directory, "no " + ModelManifest.FILE + " (is this a model package?)");
        } catch (IOException e) {
            throw new ModelPackageException(directory, ModelManifest.FILE + " cannot be read: " + e.getMessage(), e);
        }
        return parse(directory, root);
    }

    public Path directory() {
        return directory;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** A file of the package, by the name the manifest uses. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    private void verifyFiles() {
        var named = new ArrayList<String>(manifest.graphs().values());
        named.add(manifest.tokenizer());
        named.addAll(manifest.adapters().values());
        named.addAll(manifest.embeddingAdapters().values());
        for (String name : named) {
            if (!manifest.sha256().containsKey(name)) {
                throw new ModelPackageException(directory, "the manifest gives no sha256 for " + name);
            }
        }
        for (Map.Entry<String, String> entry : manifest.sha256().entrySet()) {
            Path path = inside(entry.getKey());
            String actual;
            try {
                actual = sha256(path);
            } catch (NoSuchFileException e) {
                throw new ModelPackageException(directory, entry.getKey() + " is missing");
            } catch (IOException e) {
                throw new ModelPackageException(directory, entry.getKey() + " cannot be read: " + e.getMessage(), e);
            }
            if (!actual.equalsIgnoreCase(entry.getValue())) {
                throw new ModelPackageException(directory, entry.getKey() + " does not match its sha256 (expected "
                        + entry.getValue() + ", found " + actual + "): the file is corrupt or was changed");
            }
        }
    }

    private Path inside(String name) {
        Path resolved = directory.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !resolved.startsWith(directory.normalize())) {
            throw new ModelPackageException(directory, "the file '" + name + "' lies outside the package directory");
        }
        return resolved;
    }

    /** The SHA-256 of a file, read in 1 MiB chunks: a real model's multi-gigabyte graph is never held whole. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    /** {@code decoder.paddedBatches}: optional, false when absent (graphs written before it compare position ids). */
    private static boolean paddedBatches(Path dir, JsonNode decoder) {
        JsonNode value = decoder.path("paddedBatches");
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ModelPackageException(dir, "decoder.paddedBatches must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    private static ModelManifest parse(Path dir, JsonNode root) {
        int version = root.path("formatVersion").asInt(-1);
        if (version != ModelManifest.FORMAT_VERSION) {
            throw new ModelPackageException(dir, "formatVersion " + root.path("formatVersion") + " is not "
                    + ModelManifest.FORMAT_VERSION);
        }
        var graphs = new HashMap<String, String>();
        for (String graph : ModelManifest.GRAPHS) {
            graphs.put(graph, text(dir, root.path("graphs"), graph, "graphs." + graph));
        }
        JsonNode d = root.path("decoder");
        int heads = positive(dir, d, "heads");
        int headSize = positive(dir, d, "headSize");
        ModelManifest.DecoderShape decoder;
        try {
            // kvHeads and hidden are optional: without them, no grouped-query attention and embeddings heads x headSize
            decoder = new ModelManifest.DecoderShape(positive(dir, d, "layers"), heads, headSize,
                    positive(dir, d, "maxPositions"), d.has("kvHeads") ? positive(dir, d, "kvHeads") : heads,
                    d.has("hidden") ? positive(dir, d, "hidden") : heads * headSize, paddedBatches(dir, d));
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(dir, e.getMessage(), e);
        }
        JsonNode s = root.path("specialTokens");
        var special = new ModelManifest.SpecialTokens(text(dir, s, "endOfSequence", "specialTokens.endOfSequence"),
                text(dir, s, "image", "specialTokens.image"), text(dir, s, "positive", "specialTokens.positive"),
                text(dir, s, "negative", "specialTokens.negative"));
        JsonNode i = root.path("image");
        ModelManifest.Resize resize;
        try {
            resize = ModelManifest.Resize.named(i.path("resize").asText(ModelManifest.Resize.STRETCH_BILINEAR.manifestName()));
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(dir, e.getMessage(), e);
        }
        var image = new ModelManifest.ImagePreprocessing(positive(dir, i, "size"), triple(dir, i, "mean"), triple(dir, i, "std"),
                resize);
        var adapters = new HashMap<String, String>();
        for (Map.Entry<String, JsonNode> entry : root.path("adapters").properties()) {
            adapters.put(entry.getKey(), entry.getValue().asText());
        }
        var embeddingAdapters = new HashMap<String, String>();
        for (Map.Entry<String, JsonNode> entry : root.path("embeddingAdapters").properties()) {
            if (!adapters.containsKey(entry.getKey())) {
                throw new ModelPackageException(dir, "embeddingAdapters names adapter '" + entry.getKey()
                        + "', which adapters does not list");
            }
            embeddingAdapters.put(entry.getKey(), entry.getValue().asText());
        }
        var tasks = new EnumMap<LacyTask, String>(LacyTask.class);
        for (Map.Entry<String, JsonNode> entry : root.path("tasks").properties()) {
            LacyTask task;
            try {
                task = LacyTask.valueOf(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new ModelPackageException(dir, "tasks names an unknown task '" + entry.getKey() + "' (known: "
                        + List.of(LacyTask.values()) + ")");
            }
            if (!entry.getValue().isNull()) {
                if (!adapters.containsKey(entry.getValue().asText())) {
                    throw new ModelPackageException(dir, "task " + task + " uses adapter '" + entry.getValue().asText()
                            + "', which adapters does not list");
                }
                tasks.put(task, entry.getValue().asText());
            }
        }
        var sha = new HashMap<String, String>();
        for (Map.Entry<String, JsonNode> entry : root.path("sha256").properties()) {
            sha.put(entry.getKey(), entry.getValue().asText());
        }
        try {
            return new ModelManifest(version, root.path("name").asText("unnamed"), graphs, decoder,
                    text(dir, root, "tokenizer", "tokenizer"), special, image, root.path("chainOfThought").asBoolean(true),
                    root.path("groundFirst").asBoolean(false), root.path("pickPhrases").asBoolean(false), comparisonLine(dir, root), embeddingWindow(dir, root), adapters, embeddingAdapters, tasks, sha,
                    promptLayout(dir, root));
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(dir, e.getMessage(), e);
        }
    }

    /** Optional: packages without it take the prompt as it is, with no start token and the image first. */
    private static ModelManifest.PromptLayout promptLayout(Path dir, JsonNode root) {
        JsonNode p = root.get("prompt");
        if (p == null) {
            return ModelManifest.PromptLayout.PLAIN;
        }
        String placement = p.path("image").asText("first");
        ModelManifest.ImagePlacement image = switch (placement) {
            case "first" -> ModelManifest.ImagePlacement.FIRST;
            case "placeholder" -> ModelManifest.ImagePlacement.PLACEHOLDER;
            default -> throw new ModelPackageException(dir, "prompt.image must be 'first' or 'placeholder', not '" + placement + "'");
        };
        try {
            return new ModelManifest.PromptLayout(p.path("template").asText(ModelManifest.PromptLayout.SLOT),
                    p.path("startToken").asText(""), image);
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(dir, e.getMessage(), e);
        }
    }

    /** Optional: 1 where absent; otherwise a whole number (ModelManifest checks that the version exists). */
    private static int comparisonLine(Path dir, JsonNode root) {
        JsonNode value = root.get("comparisonLine");
        if (value == null) {
            return 1;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ModelPackageException(dir, "comparisonLine must be a whole number (1, 2 or 3), got " + value);
        }
        return value.intValue();
    }

    /** Optional: packages without it embed each token alone. */
    private static int embeddingWindow(Path dir, JsonNode root) {
        JsonNode value = root.get("embeddingWindow");
        if (value == null) {
            return 1;
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            throw new ModelPackageException(dir, "embeddingWindow must be a positive integer, got " + value);
        }
        return value.intValue();
    }

    private static String text(Path dir, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ModelPackageException(dir, where + " is missing or not a string");
        }
        return value.asText();
    }

    private static int positive(Path dir, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() <= 0) {
            throw new ModelPackageException(dir, field + " is missing or not a positive integer");
        }
        return value.asInt();
    }

    private static List<Double> triple(Path dir, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.size() != 3) {
            throw new ModelPackageException(dir, "image." + field + " must be three numbers (R, G, B)");
        }
        var list = new ArrayList<Double>();
        value.forEach(v -> list.add(v.asDouble()));
        return list;
    }
}
