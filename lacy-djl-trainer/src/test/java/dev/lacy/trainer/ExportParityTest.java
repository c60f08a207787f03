package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaGraphs;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The DJL network and the ONNX package exported from it compute the same logits (fp32, 1e-4), with and without LoRA. */
class ExportParityTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "ropeBase {0}, textWindow {1}, textMixRank {2}")
    @CsvSource({"0, 0, 0", "10000, 0, 0", "0, 4, 0", "0, 5, 3"})
    void theExportedPackageComputesTheNetworksLogits(double ropeBase, int textWindow, int textMixRank) throws Exception {
        PyTorchEngine.configure();
        var format = LacyPromptFormat.withChainOfThought();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(format), new TreeSet<>(SyntheticScenes.NAMES));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            TinyLlavaConfig config = TrainingTest.TINY.withRopeBase(ropeBase).withTextWindow(textWindow).config(tokenizer.size());
            assertThat(config.rotary()).isEqualTo(ropeBase > 0);
            assertThat(config.textMix()).isEqualTo(textWindow > 1);
            try (var network = new TinyLlavaNetwork(manager, TinyLlavaWeights.random(config, 11), 5, 11)) {
                network.addLora(List.of("q", "v", "mlp2"), 4, 8, 3);
                // B starts at zero; give it values so that the adapter changes the logits
                var random = new SplittableRandom(5);
                network.loraParameters().forEach((name, array) -> array.set(
                        TinyLlavaNetwork.normal(random, (int) array.size(), 0.2)));
                // with a text window the adapter also changes the window's map (zero at first): give it values
                assertThat(network.windowDelta().isPresent()).isEqualTo(config.textMix());
                network.windowDelta().ifPresent(delta -> delta.set(TinyLlavaNetwork.normal(random, (int) delta.size(), 0.2)));
                network.factorTextMix(textMixRank, 11);
                if (config.textMix()) {
                    assertThat(network.baseParameters()).containsKey(textMixRank > 0 ? "text_mix_up" : "text_mix")
                            .doesNotContainKey(textMixRank > 0 ? "text_mix" : "text_mix_up");
                    // the text mix starts at zero too (in factored form, its up-projection): give it values so that it counts
                    NDArray mix = network.baseParameters().get(textMixRank > 0 ? "text_mix_up" : "text_mix");
                    mix.set(TinyLlavaNetwork.normal(random, (int) mix.size(), 0.2));
                }
                Path model = dir.resolve("model");
                var writer = new ModelPackageWriter().task(dev.lacy.core.port.LacyTask.L2A, "joint");
                DjlTrainer.writeAdapter(network, "joint", writer);
                TinyLlavaPackages.write(model, "parity", NetworkExport.weights(network), tokenizer.json(), tokenizer.size(), writer, true);
                assertThat(java.nio.file.Files.exists(model.resolve("joint.embedding.onnx_adapter"))).isEqualTo(config.textMix());

                var observation = SyntheticScenes.observation(new SplittableRandom(2), 40);
                float[] pixels = dev.lacy.core.scene.PixelValues.of(observation.image(), config.imageSize(),
                        new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
                long[] ids = tokenizer.encode("\nL2A: give the pick and place points for the instruction \"Pick the lemon\".\nThere");

                float[] expected = djlLogits(network, manager, pixels, ids, config);
                float[] withAdapter = onnxLogits(model, pixels, ids, config, true);
                float[] withoutAdapter = onnxLogits(model, pixels, ids, config, false);
                assertThat(withAdapter).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(withAdapter[i]).as("logit %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
                }
                double difference = 0;
                for (int i = 0; i < expected.length; i++) {
                    difference = Math.max(difference, Math.abs(withoutAdapter[i] - expected[i]));
                }
                assertThat(difference).as("the adapter changes the logits").isGreaterThan(1e-2);

                // the runtime applies both parts of the adapter: the logits of 1 and 0 after the prompt
                long one = tokenizer.encode("1")[0];
                long zero = tokenizer.encode("0")[0];
                int last = (config.imageTokens() + ids.length - 1) * config.vocab();
                try (var runtime = dev.lacy.onnx.runtime.OnnxVisionLanguageModel.open(model, dev.lacy.onnx.runtime.Device.CPU)) {
                    var logits = runtime.scoreBinaryChoice(new dev.lacy.core.port.BinaryChoiceRequest(dev.lacy.core.port.LacyTask.L2A,
                            observation.image(), "<image>" + tokenizer.decode(ids), "1", "0"));
                    assertThat(logits.positive()).isCloseTo(expected[last + (int) one], org.assertj.core.data.Offset.offset(1e-4));
                    assertThat(logits.negative()).isCloseTo(expected[last + (int) zero], org.assertj.core.data.Offset.offset(1e-4));
                }

                TinyLlavaWeights read = TinyLlavaPackages.read(model);
                assertThat(read.config()).isEqualTo(config);
                assertThat(read.layers().get(1).mlp2()).containsExactly(NetworkExport.weights(network).layers().get(1).mlp2());
                assertThat(read.visionLayers().get(0).q()).containsExactly(NetworkExport.weights(network).visionLayers().get(0).q());
                assertThat(read.textMix()).containsExactly(NetworkExport.weights(network).textMix());
            }
        }
    }

    private static float[] djlLogits(TinyLlavaNetwork network, NDManager manager, float[] pixels, long[] ids, TinyLlavaConfig c) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.create(pixels, new Shape(1, 3, c.imageSize(), c.imageSize()));
            NDArray text = network.embed(scope.create(ids, new Shape(1, ids.length)));
            NDArray logits = network.decode(network.vision(image), text, 0, c.imageTokens() + ids.length);
            return logits.toFloatArray();
        }
    }

    /** The embedding graph's inputs: with a text window, every position kept ({@code keep_last} 0). */
    private static Map<String, OnnxTensor> embeddingInputs(TinyLlavaConfig c, OnnxTensor ids, OnnxTensor features,
                                                           OnnxTensor all) {
        return c.textMix() ? Map.of("input_ids", ids, "image_features", features, TinyLlavaGraphs.KEEP_LAST, all)
                : Map.of("input_ids", ids, "image_features", features);
    }

    /** {@code options} with {@code adapter} active, if there is one. */
    private static OrtSession.RunOptions active(OrtSession.RunOptions options, OrtLoraAdapter adapter) throws Exception {
        if (adapter != null) {
            options.addActiveLoraAdapter(adapter);
        }
        return options;
    }

    private static float[] onnxLogits(Path model, float[] pixels, long[] ids, TinyLlavaConfig c, boolean adapter) throws Exception {
        try (OrtSession vision = ENV.createSession(model.resolve("vision.onnx").toString());
             OrtSession embedding = ENV.createSession(model.resolve("embedding.onnx").toString());
             OrtSession decoder = ENV.createSession(model.resolve("decoder.onnx").toString());
             OrtLoraAdapter lora = OrtLoraAdapter.create(model.resolve("joint.onnx_adapter").toString());
             OrtSession.RunOptions options = new OrtSession.RunOptions();
             OrtLoraAdapter windowLora = adapter && c.textMix()
                     ? OrtLoraAdapter.create(model.resolve("joint.embedding.onnx_adapter").toString()) : null;
             OrtSession.RunOptions embeddingOptions = active(new OrtSession.RunOptions(), windowLora);
             OnnxTensor pixelValues = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pixels),
                     new long[] {1, 3, c.imageSize(), c.imageSize()});
             OrtSession.Result features = vision.run(Map.of("pixel_values", pixelValues));
             OnnxTensor inputIds = OnnxTensor.createTensor(ENV, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor all = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[] {0}), new long[] {1});
             OrtSession.Result embeds = embedding.run(embeddingInputs(c, inputIds,
                     (OnnxTensor) features.get("image_features").orElseThrow(), all), embeddingOptions)) {
            if (adapter) {
                options.addActiveLoraAdapter(lora);
            }
            int total = c.imageTokens() + ids.length;
            long[] mask = new long[total];
            long[] positions = new long[total];
            for (int i = 0; i < total; i++) {
                mask[i] = 1;
                positions[i] = i;
            }
            var inputs = new HashMap<String, OnnxTensor>();
            try {
                inputs.put("inputs_embeds", (OnnxTensor) embeds.get("inputs_embeds").orElseThrow());
                inputs.put("attention_mask", OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), new long[] {1, total}));
                inputs.put("position_ids", OnnxTensor.createTensor(ENV, LongBuffer.wrap(positions), new long[] {1, total}));
                for (int i = 0; i < c.layers(); i++) {
                    for (String kind : List.of("key", "value")) {
                        for (String cache : List.of("past_key_values.", TinyLlavaGraphs.PREFIX)) {
                            inputs.put(cache + i + "." + kind, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[0]),
                                    new long[] {1, c.heads(), 0, c.headSize()}));
                        }
                    }
                }
                try (OrtSession.Result result = decoder.run(inputs, options)) {
                    return ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer().array();
                }
            } finally {
                inputs.forEach((name, tensor) -> {
                    if (!name.equals("inputs_embeds")) {
                        tensor.close();
                    }
                });
            }
        }
    }
}
