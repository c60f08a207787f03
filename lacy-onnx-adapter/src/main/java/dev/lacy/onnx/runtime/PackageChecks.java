package dev.lacy.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.model.ModelPackageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a model package passes when it opens, against its loaded graphs and tokenizer, so that a package that
 * would fail at the first call (or, worse, run and answer garbage) fails at open, naming what disagrees.
 */
final class PackageChecks {

    private PackageChecks() {
    }

    /** The graphs have the inputs (of the ranks) and the outputs the runtime feeds and reads. */
    static void requireGraphs(Path dir, ModelManifest manifest, OrtSession vision, OrtSession embedding, OrtSession decoder)
            throws OrtException {
        require(dir, "vision", vision, Map.of("pixel_values", 4), List.of("image_features"));
        require(dir, "embedding", embedding, Map.of("input_ids", 2, "image_features", 3), List.of("inputs_embeds"));
        var inputs = new HashMap<String, Integer>(Map.of("inputs_embeds", 3, "attention_mask", 2, "position_ids", 2));
        var outputs = new ArrayList<String>(List.of("logits"));
        for (int i = 0; i < manifest.decoder().layers(); i++) {
            for (String kind : List.of("key", "value")) {
                inputs.put("past_key_values." + i + "." + kind, 4);
                outputs.add("present." + i + "." + kind);
            }
        }
        require(dir, "decoder", decoder, inputs, outputs);
    }

    private static void require(Path dir, String graph, OrtSession session, Map<String, Integer> inputs, List<String> outputs)
            throws OrtException {
        Map<String, NodeInfo> actual = session.getInputInfo();
        for (Map.Entry<String, Integer> input : inputs.entrySet()) {
            NodeInfo info = actual.get(input.getKey());
            if (info == null) {
                throw new ModelPackageException(dir, "the " + graph + " graph has no input '" + input.getKey() + "' (it has "
                        + actual.keySet() + ")");
            }
            int rank = ((TensorInfo) info.getInfo()).getShape().length;
            if (rank != input.getValue()) {
                throw new ModelPackageException(dir, "the " + graph + " graph's input '" + input.getKey() + "' has rank "
                        + rank + ", not " + input.getValue());
            }
        }
        for (String output : outputs) {
            if (!session.getOutputNames().contains(output)) {
                throw new ModelPackageException(dir, "the " + graph + " graph has no output '" + output + "'");
            }
        }
    }

    /**
     * What the files of a package must agree on before anything runs: the image normalisation is usable, every
     * special token is one token of the tokenizer, no token id lies beyond the decoder's logits (or the embedding
     * table behind them), and the graphs' fixed dimensions are the manifest's. A package that disagrees with itself
     * would otherwise run and produce garbage, or index out of range in native code.
     */
    static void requireConsistent(Path dir, ModelManifest manifest, TextTokenizer tokenizer, OrtSession vision,
                                  OrtSession embedding, OrtSession decoder, int hidden) throws OrtException {
        ModelManifest.ImagePreprocessing image = manifest.image();
        if (image.size() < 1 || image.size() > 4096) {
            throw new ModelPackageException(dir, "image.size " + image.size() + " is not between 1 and 4096 pixels");
        }
        if (image.mean().size() != 3 || image.std().size() != 3) {
            throw new ModelPackageException(dir, "image.mean and image.std need 3 values (R, G, B), not "
                    + image.mean().size() + " and " + image.std().size());
        }
        for (int c = 0; c < 3; c++) {
            double mean = image.mean().get(c);
            double std = image.std().get(c);
            if (!Double.isFinite(mean) || Math.abs(mean) > 10 || !Double.isFinite(std) || std <= 1e-6 || std > 10) {
                throw new ModelPackageException(dir, "image.mean " + image.mean() + " / image.std " + image.std()
                        + " cannot normalise pixels in [0, 1]: every std must be positive, and all within 10");
            }
        }
        var special = manifest.special();
        var named = new ArrayList<>(List.of(special.endOfSequence(), special.positive(), special.negative()));
        if (!manifest.prompt().startToken().isEmpty()) {
            named.add(manifest.prompt().startToken());
        }
        for (String token : named) {
            try {
                tokenizer.singleToken(token);
            } catch (IllegalArgumentException e) {
                throw new ModelPackageException(dir, "the special token '" + token + "' does not fit the tokenizer: "
                        + e.getMessage(), e);
            }
        }
        long[] logits = ((TensorInfo) decoder.getOutputInfo().get("logits").getInfo()).getShape();
        long vocabulary = logits[logits.length - 1];
        long tokens = tokenizer.size();
        if (vocabulary > 0 && tokens > vocabulary) {
            throw new ModelPackageException(dir, manifest.tokenizer() + " has " + tokens + " tokens, the decoder's logits "
                    + vocabulary + ": the tokenizer does not belong to these graphs");
        }
        ModelManifest.DecoderShape shape = manifest.decoder();
        for (int i = 0; i < shape.layers(); i++) {
            for (String kind : List.of("key", "value")) {
                String name = "past_key_values." + i + "." + kind;
                long[] cache = ((TensorInfo) decoder.getInputInfo().get(name).getInfo()).getShape();
                if (cache[1] > 0 && cache[1] != shape.kvHeads()) {
                    throw new ModelPackageException(dir, "decoder.kvHeads is " + shape.kvHeads() + " but the decoder's " + name
                            + " has " + cache[1] + " key-value heads (without decoder.kvHeads the manifest means one per "
                            + "attention head; a decoder with grouped-query attention needs decoder.kvHeads)");
                }
                if (cache[3] > 0 && cache[3] != shape.headSize()) {
                    throw new ModelPackageException(dir, "decoder.headSize is " + shape.headSize() + " but the decoder's " + name
                            + " has heads of " + cache[3]);
                }
            }
        }
        long[] embeds = ((TensorInfo) decoder.getInputInfo().get("inputs_embeds").getInfo()).getShape();
        if (embeds[2] > 0 && embeds[2] != hidden) {
            throw new ModelPackageException(dir, "decoder.hidden is " + hidden + " but the decoder takes embeddings of " + embeds[2]
                    + " values (without decoder.hidden the manifest means heads x headSize = " + shape.heads() + " x "
                    + shape.headSize() + ")");
        }
        requireWidths(dir, vision, embedding, hidden);
    }

    /** The vision graph's features and the embedding graph's inputs and outputs are {@code hidden} wide, as the decoder's. */
    private static void requireWidths(Path dir, OrtSession vision, OrtSession embedding, int hidden) throws OrtException {
        requireWidth(dir, "the vision graph's output image_features", vision.getOutputInfo().get("image_features"), hidden);
        requireWidth(dir, "the embedding graph's input image_features", embedding.getInputInfo().get("image_features"), hidden);
        requireWidth(dir, "the embedding graph's output inputs_embeds", embedding.getOutputInfo().get("inputs_embeds"), hidden);
    }

    private static void requireWidth(Path dir, String what, NodeInfo info, int hidden) {
        long[] dims = ((TensorInfo) info.getInfo()).getShape();
        long width = dims[dims.length - 1];
        if (width > 0 && width != hidden) {
            throw new ModelPackageException(dir, "decoder.hidden is " + hidden + " but " + what + " is " + width + " wide");
        }
    }
}
