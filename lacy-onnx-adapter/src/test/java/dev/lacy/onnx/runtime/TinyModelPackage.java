package dev.lacy.onnx.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.port.LacyTask;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackageWriter;
import dev.lacy.onnx.writer.OnnxAdapterWriter;
import dev.lacy.onnx.writer.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaGraphs;
import dev.lacy.onnx.writer.TinyLlavaWeights;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny model package for tests: random lacy-tiny weights, a character-level tokenizer (every
 * printable ASCII character and the newline are tokens, so decoding is exact), and one joint LoRA
 * adapter on two projections for L2A, A2L and L2C; GROUNDING runs the base model.
 */
final class TinyModelPackage {

    static final List<String> SPECIAL = List.of("<unk>", "<eos>", "<image>");
    static final List<String> CHARACTERS = characters();
    static final TinyLlavaConfig CONFIG = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, SPECIAL.size() + CHARACTERS.size(), 512);
    static final int RANK = 2;

    final TinyLlavaWeights weights;
    final float[] adapterA;
    final float[] adapterB;
    final Path directory;

    TinyModelPackage(Path directory, long seed) {
        this.directory = directory;
        this.weights = TinyLlavaWeights.random(CONFIG, seed);
        var random = new SplittableRandom(seed + 1);
        adapterA = randoms(random, CONFIG.hidden() * RANK);
        adapterB = randoms(random, RANK * CONFIG.hidden());
        byte[] adapter = new OnnxAdapterWriter()
                .parameter("layers.0.q.lora_A", new long[] {CONFIG.hidden(), RANK}, adapterA)
                .parameter("layers.0.q.lora_B", new long[] {RANK, CONFIG.hidden()}, adapterB)
                .write(1, 1);
        new ModelPackageWriter()
                .graph("vision", TinyLlavaGraphs.vision(weights))
                .graph("embedding", TinyLlavaGraphs.embedding(weights))
                .graph("decoder", TinyLlavaGraphs.decoder(weights))
                .tokenizer(tokenizerJson())
                .adapter("joint", adapter)
                .task(LacyTask.L2A, "joint").task(LacyTask.A2L, "joint").task(LacyTask.L2C, "joint")
                .write(directory, "tiny-test",
                        new ModelManifest.DecoderShape(CONFIG.layers(), CONFIG.heads(), CONFIG.headSize(), CONFIG.maxPositions()),
                        new ModelManifest.SpecialTokens("<eos>", "<image>", "1", "0"),
                        new ModelManifest.ImagePreprocessing(CONFIG.imageSize(), List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5)),
                        true);
    }

    /** The token id of a character of the vocabulary. */
    static int id(char c) {
        int index = CHARACTERS.indexOf(String.valueOf(c));
        if (index < 0) {
            throw new IllegalArgumentException("'" + c + "' is not in the vocabulary");
        }
        return SPECIAL.size() + index;
    }

    static String text(List<Integer> ids) {
        var text = new StringBuilder();
        for (int id : ids) {
            if (id >= SPECIAL.size()) {
                text.append(CHARACTERS.get(id - SPECIAL.size()));
            }
        }
        return text.toString();
    }

    private static byte[] tokenizerJson() {
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        var added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL.size(); i++) {
            added.addObject().put("id", i).put("content", SPECIAL.get(i)).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode split = root.putObject("pre_tokenizer").put("type", "Split");
        split.putObject("pattern").put("Regex", "[\\s\\S]");
        split.put("behavior", "Isolated").put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model").put("type", "WordLevel").put("unk_token", "<unk>");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < SPECIAL.size(); i++) {
            vocab.put(SPECIAL.get(i), i);
        }
        for (int i = 0; i < CHARACTERS.size(); i++) {
            vocab.put(CHARACTERS.get(i), SPECIAL.size() + i);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> characters() {
        var list = new ArrayList<String>();
        list.add("\n");
        for (char c = 32; c < 127; c++) {
            list.add(String.valueOf(c));
        }
        return List.copyOf(list);
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
        return v;
    }
}
