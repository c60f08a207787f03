package dev.lacy.onnx.writer;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.model.ModelPackageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes lacy-tiny weights as a model package, and reads them back from one. Besides the graphs
 * and the tokenizer, the package holds {@value #CONFIG_FILE} (the sizes), so that a trainer can
 * start again from a package it wrote: the weights are read back from the graphs' initializers.
 */
public final class TinyLlavaPackages {

    /** The lacy-tiny sizes, next to the manifest. */
    public static final String CONFIG_FILE = "lacy-tiny.json";

    private TinyLlavaPackages() {
    }

    /** A package of the given weights with the character tokenizer; {@code writer} may already hold adapters and tasks. */
    public static Path write(Path directory, String name, TinyLlavaWeights weights, ModelPackageWriter writer, boolean chainOfThought) {
        return write(directory, name, weights, CharacterTokenizer.json(), CharacterTokenizer.vocabularySize(), writer, chainOfThought);
    }

    /** A package of the given weights with {@code tokenizerJson}, a Hugging Face tokenizer of {@code vocabularySize} tokens. */
    public static Path write(Path directory, String name, TinyLlavaWeights weights, byte[] tokenizerJson, int vocabularySize,
                             ModelPackageWriter writer, boolean chainOfThought) {
        TinyLlavaConfig c = weights.config();
        if (c.vocab() != vocabularySize) {
            throw new IllegalArgumentException("the model's vocabulary has " + c.vocab() + " tokens, the tokenizer "
                    + vocabularySize);
        }
        var json = new ObjectMapper();
        byte[] config = json.createObjectNode().put("architecture", "lacy-tiny").put("imageSize", c.imageSize())
                .put("patchSize", c.patchSize()).put("hidden", c.hidden()).put("heads", c.heads()).put("layers", c.layers())
                .put("mlp", c.mlp()).put("vocab", c.vocab()).put("maxPositions", c.maxPositions())
                .put("visionLayers", c.visionLayers()).put("ropeBase", c.ropeBase()).put("textWindow", c.textWindow()).toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return writer.graph("vision", TinyLlavaGraphs.vision(weights))
                .graph("embedding", TinyLlavaGraphs.embedding(weights))
                .graph("decoder", TinyLlavaGraphs.decoder(weights))
                .tokenizer(tokenizerJson)
                .embeddingWindow(Math.max(1, c.textWindow()))
                .file(CONFIG_FILE, config)
                .write(directory, name, new ModelManifest.DecoderShape(c.layers(), c.heads(), c.headSize(), c.maxPositions())
                                .withPaddedBatches(true),
                        new ModelManifest.SpecialTokens("<eos>", "<image>", "1", "0"),
                        new ModelManifest.ImagePreprocessing(c.imageSize(), List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5)),
                        chainOfThought);
    }

    /** The sizes and weights of a lacy-tiny package (validated first), without its adapters. */
    public static TinyLlavaWeights read(Path directory) {
        ModelPackage pack = ModelPackage.open(directory);
        Path configFile = directory.resolve(CONFIG_FILE);
        if (!pack.manifest().sha256().containsKey(CONFIG_FILE)) {
            throw new ModelPackageException(directory, "it has no " + CONFIG_FILE + ": it is not a lacy-tiny package a "
                    + "trainer can start from");
        }
        try {
            JsonNode c = new ObjectMapper().readTree(configFile.toFile());
            var config = new TinyLlavaConfig(field(c, "imageSize", configFile), field(c, "patchSize", configFile),
                    field(c, "hidden", configFile), field(c, "heads", configFile), field(c, "layers", configFile),
                    field(c, "mlp", configFile), field(c, "vocab", configFile), field(c, "maxPositions", configFile),
                    field(c, "visionLayers", configFile), ropeBase(c, configFile),
                    c.has("textWindow") ? field(c, "textWindow", configFile) : 0);
            Map<String, float[]> vision = OnnxInitializers.read(Files.readAllBytes(pack.file(pack.manifest().graphs().get("vision"))));
            Map<String, float[]> embedding = OnnxInitializers.read(Files.readAllBytes(pack.file(pack.manifest().graphs().get("embedding"))));
            Map<String, float[]> decoder = OnnxInitializers.read(Files.readAllBytes(pack.file(pack.manifest().graphs().get("decoder"))));
            var layers = new ArrayList<TinyLlavaWeights.Layer>();
            for (int i = 0; i < config.layers(); i++) {
                layers.add(layer(decoder, "layers." + i + ".", ".weight", directory));
            }
            var visionLayers = new ArrayList<TinyLlavaWeights.Layer>();
            for (int i = 0; i < config.visionLayers(); i++) {
                visionLayers.add(layer(vision, "vision." + i + ".", ".weight", directory));
            }
            return new TinyLlavaWeights(config, get(vision, "patch_w", directory), get(vision, "patch_b", directory),
                    get(vision, "proj_w", directory), get(vision, "proj_b", directory), get(vision, "image_positions", directory),
                    get(embedding, "token_embedding", directory), get(decoder, "position_embedding", directory), layers,
                    get(decoder, "final_gamma", directory), get(decoder, "final_beta", directory),
                    get(decoder, "lm_head", directory), visionLayers,
                    config.textMix() ? get(embedding, "text_mix", directory) : new float[0]);
        } catch (IOException e) {
            throw new ModelPackageException(directory, "cannot read its lacy-tiny weights: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ModelPackageException(directory, "its lacy-tiny weights do not fit " + CONFIG_FILE + ": " + e.getMessage());
        }
    }

    /** Packages written before rotary positions existed have no {@code ropeBase}: they have none. */
    private static double ropeBase(JsonNode config, Path file) {
        JsonNode value = config.get("ropeBase");
        if (value == null) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new ModelPackageException(file.getParent(), file.getFileName() + " has a non-numeric ropeBase: " + value);
        }
        return value.asDouble();
    }

    private static TinyLlavaWeights.Layer layer(Map<String, float[]> graph, String p, String weight, Path directory) {
        return new TinyLlavaWeights.Layer(get(graph, p + "ln1_gamma", directory), get(graph, p + "ln1_beta", directory),
                get(graph, p + "q" + weight, directory), get(graph, p + "k" + weight, directory),
                get(graph, p + "v" + weight, directory), get(graph, p + "o" + weight, directory),
                get(graph, p + "ln2_gamma", directory), get(graph, p + "ln2_beta", directory),
                get(graph, p + "mlp1" + weight, directory), get(graph, p + "mlp1_bias", directory),
                get(graph, p + "mlp2" + weight, directory), get(graph, p + "mlp2_bias", directory));
    }

    private static float[] get(Map<String, float[]> graph, String name, Path directory) {
        float[] values = graph.get(name);
        if (values == null) {
            throw new ModelPackageException(directory, "its graphs have no initializer '" + name + "'");
        }
        return values;
    }

    private static int field(JsonNode node, String name, Path file) {
        JsonNode value = node.get(name);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": '" + name + "' must be an integer");
        }
        return value.intValue();
    }
}
