package dev.lacy.onnx.model;

import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaGraphs;
import dev.lacy.onnx.writer.TinyLlavaWeights;
import java.nio.file.Path;
import java.util.List;

/** Writes lacy-tiny weights as a model package with the character tokenizer (base model, no adapters). */
public final class TinyLlavaPackages {

    private TinyLlavaPackages() {
    }

    /** A package of the given weights; {@code writer} may already hold adapters and tasks. */
    public static Path write(Path directory, String name, TinyLlavaWeights weights, ModelPackageWriter writer, boolean chainOfThought) {
        TinyLlavaConfig c = weights.config();
        if (c.vocab() != CharacterTokenizer.vocabularySize()) {
            throw new IllegalArgumentException("the model's vocabulary has " + c.vocab() + " tokens, the character tokenizer "
                    + CharacterTokenizer.vocabularySize());
        }
        return writer.graph("vision", TinyLlavaGraphs.vision(weights))
                .graph("embedding", TinyLlavaGraphs.embedding(weights))
                .graph("decoder", TinyLlavaGraphs.decoder(weights))
                .tokenizer(CharacterTokenizer.json())
                .write(directory, name, new ModelManifest.DecoderShape(c.layers(), c.heads(), c.headSize(), c.maxPositions()),
                        new ModelManifest.SpecialTokens("<eos>", "<image>", "1", "0"),
                        new ModelManifest.ImagePreprocessing(c.imageSize(), List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5)),
                        chainOfThought);
    }
}
