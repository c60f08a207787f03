package dev.lacy.onnx.runtime;

import dev.lacy.core.port.LacyTask;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.OnnxAdapterWriter;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny model package for tests: random lacy-tiny weights, a character-level tokenizer (every
 * printable ASCII character and the newline are tokens, so decoding is exact), and one joint LoRA
 * adapter on two projections for L2A, A2L and L2C; GROUNDING runs the base model.
 */
final class TinyModelPackage {

    static final TinyLlavaConfig CONFIG = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, CharacterTokenizer.vocabularySize(), 512);
    static final int RANK = 2;
    /** The same sizes with each text embedding computed from the token and the two before it. */
    static final TinyLlavaConfig WINDOWED = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, CharacterTokenizer.vocabularySize(), 512,
            0, 0, 3);

    final TinyLlavaWeights weights;
    final float[] adapterA;
    final float[] adapterB;
    final Path directory;

    TinyModelPackage(Path directory, long seed) {
        this(directory, seed, CONFIG);
    }

    /** With {@code config}'s sizes; a text mix, if the configuration has one, gets random values (it starts at zero). */
    TinyModelPackage(Path directory, long seed, TinyLlavaConfig config) {
        this(directory, seed, config, ModelManifest.PromptLayout.PLAIN);
    }

    /** As {@link #TinyModelPackage(Path, long, TinyLlavaConfig)}, its prompts laid out by {@code layout}. */
    TinyModelPackage(Path directory, long seed, TinyLlavaConfig config, ModelManifest.PromptLayout layout) {
        this.directory = directory;
        this.weights = TinyLlavaWeights.random(config, seed);
        var random = new SplittableRandom(seed + 1);
        System.arraycopy(randoms(random, weights.textMix().length), 0, weights.textMix(), 0, weights.textMix().length);
        adapterA = randoms(random, CONFIG.hidden() * RANK);
        adapterB = randoms(random, RANK * CONFIG.hidden());
        byte[] adapter = new OnnxAdapterWriter()
                .parameter("layers.0.q.lora_A", new long[] {CONFIG.hidden(), RANK}, adapterA)
                .parameter("layers.0.q.lora_B", new long[] {RANK, CONFIG.hidden()}, adapterB)
                .write(1, 1);
        TinyLlavaPackages.write(directory, "tiny-test", weights, new ModelPackageWriter().prompt(layout).adapter("joint", adapter)
                .task(LacyTask.L2A, "joint").task(LacyTask.A2L, "joint").task(LacyTask.L2C, "joint"), true);
    }

    /** The token id of a character of the vocabulary. */
    static int id(char c) {
        return CharacterTokenizer.id(c);
    }

    static String text(List<Integer> ids) {
        var text = new StringBuilder();
        for (int id : ids) {
            if (id >= CharacterTokenizer.SPECIAL.size()) {
                text.append(CharacterTokenizer.CHARACTERS.get(id - CharacterTokenizer.SPECIAL.size()));
            }
        }
        return text.toString();
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
        return v;
    }
}
