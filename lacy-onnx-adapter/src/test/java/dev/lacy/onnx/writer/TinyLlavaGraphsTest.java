package dev.lacy.onnx.writer;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exported graphs compute what the architecture says: ONNX Runtime against the Java reference. */
class TinyLlavaGraphsTest {

    static final TinyLlavaConfig CONFIG = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, 50, 40, 1, 10_000);
    static final TinyLlavaWeights WEIGHTS = TinyLlavaWeights.random(CONFIG, 11);
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static OrtSession vision;
    private static OrtSession decoder;

    @BeforeAll
    static void sessions() throws Exception {
        vision = ENV.createSession(TinyLlavaGraphs.vision(WEIGHTS), new OrtSession.SessionOptions());
        decoder = ENV.createSession(TinyLlavaGraphs.decoder(WEIGHTS), new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws Exception {
        vision.close();
        decoder.close();
    }

    private static float[][] randomRows(int rows, int width, long seed) {
        var random = new SplittableRandom(seed);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return x;
    }

    @Test
    void theVisionGraphMatchesTheReference() throws Exception {
        float[] pixels = randomRows(1, 3 * 16 * 16, 1)[0];
        float[][] expected = new ReferenceForwardPass(WEIGHTS, Map.of()).vision(pixels);

        try (OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(pixels), new long[] {1, 3, 16, 16});
             OrtSession.Result result = vision.run(Map.of("pixel_values", input))) {
            float[][][] actual = (float[][][]) result.get("image_features").orElseThrow().getValue();
            for (int t = 0; t < CONFIG.imageTokens(); t++) {
                for (int j = 0; j < CONFIG.hidden(); j++) {
                    assertThat(actual[0][t][j]).isCloseTo(expected[t][j], within(1e-4f));
                }
            }
        }
    }

    @Test
    void aFullPassMatchesTheReference() throws Exception {
        float[][] embeds = randomRows(9, CONFIG.hidden(), 2);
        float[][] expected = new ReferenceForwardPass(WEIGHTS, Map.of()).decode(embeds);

        float[][][] logits = run(decoder, embeds, 0, new HashMap<>(), null).logits;

        assertClose(logits[0], expected, 0, 9);
    }

    @Test
    void decodingWithTheKvCacheEqualsFullRecomputation() throws Exception {
        float[][] embeds = randomRows(9, CONFIG.hidden(), 3);
        float[][] expected = new ReferenceForwardPass(WEIGHTS, Map.of()).decode(embeds);

        Step prefill = run(decoder, java.util.Arrays.copyOfRange(embeds, 0, 7), 0, new HashMap<>(), null);
        Step first = run(decoder, new float[][] {embeds[7]}, 7, prefill.presents, null);
        Step second = run(decoder, new float[][] {embeds[8]}, 8, first.presents, null);

        assertClose(prefill.logits[0], expected, 0, 7);
        assertClose(first.logits[0], new float[][] {expected[7]}, 0, 1);
        assertClose(second.logits[0], new float[][] {expected[8]}, 0, 1);
    }

    @Test
    void aPrefixCacheIsAttendedToAsThePastIsAndStaysOutOfThePresent() throws Exception {
        float[][] embeds = randomRows(10, CONFIG.hidden(), 9);
        float[][] expected = new ReferenceForwardPass(WEIGHTS, Map.of()).decode(embeds);

        Step prompt = run(decoder, java.util.Arrays.copyOfRange(embeds, 0, 7), 0, new HashMap<>(), null);
        Step first = run(decoder, new float[][] {embeds[7]}, 7, prompt.presents, 0, Map.of(), null);
        Step second = run(decoder, new float[][] {embeds[8], embeds[9]}, 7, prompt.presents, 1, first.presents, null);

        assertClose(first.logits[0], new float[][] {expected[7]}, 0, 1);
        assertClose(second.logits[0], new float[][] {expected[8], expected[9]}, 0, 2);
        assertThat(first.presents.get("present.0.key")).as("the new slot's key alone")
                .hasSize(CONFIG.heads() * CONFIG.headSize());
        assertThat(second.presents.get("present.1.value")).hasSize(3 * CONFIG.heads() * CONFIG.headSize());
    }

    @Test
    void anAdapterChangesTheLogitsByExactlyWhatItsWeightsImply() throws Exception {
        int rank = 2;
        float[] a = randomRows(1, CONFIG.hidden() * rank, 4)[0];
        float[] b = randomRows(1, rank * CONFIG.hidden(), 5)[0];
        byte[] adapter = new OnnxAdapterWriter()
                .parameter("layers.1.v.lora_A", new long[] {CONFIG.hidden(), rank}, a)
                .parameter("layers.1.v.lora_B", new long[] {rank, CONFIG.hidden()}, b)
                .write(1, 1);
        float[] mergedV = WEIGHTS.layers().get(1).v().clone();
        for (int i = 0; i < CONFIG.hidden(); i++) {
            for (int j = 0; j < CONFIG.hidden(); j++) {
                for (int r = 0; r < rank; r++) {
                    mergedV[i * CONFIG.hidden() + j] += a[i * rank + r] * b[r * CONFIG.hidden() + j];
                }
            }
        }
        float[][] embeds = randomRows(6, CONFIG.hidden(), 6);
        float[][] base = new ReferenceForwardPass(WEIGHTS, Map.of()).decode(embeds);
        float[][] adapted = new ReferenceForwardPass(WEIGHTS, Map.of("layers.1.v", mergedV)).decode(embeds);

        try (OrtLoraAdapter lora = OrtLoraAdapter.create(adapter); OrtSession.RunOptions options = new OrtSession.RunOptions()) {
            options.addActiveLoraAdapter(lora);
            assertClose(run(decoder, embeds, 0, new HashMap<>(), options).logits[0], adapted, 0, 6);
        }
        assertClose(run(decoder, embeds, 0, new HashMap<>(), null).logits[0], base, 0, 6);
        assertThat(Math.abs(adapted[5][0] - base[5][0]) + Math.abs(adapted[5][1] - base[5][1])).isGreaterThan(1e-3f);
    }

    @Test
    void theEmbeddingGraphReturnsItsLastKeepLastTextPositionsAsTheWholeSequenceHasThem() throws Exception {
        var windowed = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, 50, 40, 1, 10_000, 4);
        int d = windowed.hidden();
        int rank = 3;
        // the window's map starts at zero: an embedding adapter makes every position depend on the three before it
        byte[] adapter = new OnnxAdapterWriter()
                .parameter("text_mix.lora_A", new long[] {windowed.textMixRows(), rank}, randomRows(1, windowed.textMixRows() * rank, 7)[0])
                .parameter("text_mix.lora_B", new long[] {rank, d}, randomRows(1, rank * d, 8)[0])
                .write(1, 1);
        long[] ids = {3, 14, 15, 9, 26, 5, 35, 8, 9, 7, 9, 32, 38, 4, 6, 26};
        int rows = 2;
        int length = ids.length / rows;
        try (OrtSession embedding = ENV.createSession(TinyLlavaGraphs.embedding(TinyLlavaWeights.random(windowed, 12)),
                new OrtSession.SessionOptions());
             OrtLoraAdapter lora = OrtLoraAdapter.create(adapter);
             OrtSession.RunOptions options = new OrtSession.RunOptions()) {
            options.addActiveLoraAdapter(lora);
            float[][][] whole = embed(embedding, ids, rows, 0, options);
            assertThat(whole[0]).hasNumberOfRows(length);
            assertThat(whole[1][length - 1][0]).as("the window mixes the tokens before")
                    .isNotCloseTo(embed(embedding, new long[] {26}, 1, 0, options)[0][0][0], within(1e-3f));
            for (int keep : new int[] {1, 3, length}) {
                float[][][] last = embed(embedding, ids, rows, keep, options);
                for (int r = 0; r < rows; r++) {
                    assertThat(last[r]).as("row %d, keep_last %d", r, keep).hasNumberOfRows(keep);
                    for (int t = 0; t < keep; t++) {
                        for (int j = 0; j < d; j++) {
                            assertThat(last[r][t][j]).isCloseTo(whole[r][length - keep + t][j], within(1e-6f));
                        }
                    }
                }
            }
            assertThat(embed(embedding, ids, rows, length + 5, options)[0]).as("more than there are: all").hasNumberOfRows(length);
        }
    }

    /** The embedding graph's text rows {@code [rows, kept, hidden]} of {@code ids} in {@code rows} sequences, no image. */
    private static float[][][] embed(OrtSession embedding, long[] ids, int rows, long keep, OrtSession.RunOptions options)
            throws Exception {
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, LongBuffer.wrap(ids), new long[] {rows, ids.length / rows});
             OnnxTensor image = OnnxTensor.createTensor(ENV, FloatBuffer.allocate(0), new long[] {rows, 0, 32});
             OnnxTensor kept = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[] {keep}), new long[] {1});
             OrtSession.Result result = embedding.run(Map.of("input_ids", input, "image_features", image,
                     TinyLlavaGraphs.KEEP_LAST, kept), options)) {
            return (float[][][]) result.get("inputs_embeds").orElseThrow().getValue();
        }
    }

    private static void assertClose(float[][] actual, float[][] expected, int from, int count) {
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < CONFIG.vocab(); j++) {
                assertThat(actual[from + t][j]).as("position %d, token %d", t, j).isCloseTo(expected[t][j], within(1e-4f));
            }
        }
    }

    private record Step(float[][][] logits, Map<String, float[]> presents, Map<String, long[]> shapes) {
    }

    /** One decoder call for batch 1: {@code past} tokens already cached in {@code presents}, no prefix. */
    private static Step run(OrtSession decoder, float[][] embeds, int past, Map<String, float[]> cache, OrtSession.RunOptions options)
            throws Exception {
        return run(decoder, embeds, 0, Map.of(), past, cache, options);
    }

    /**
     * One decoder call for batch 1: {@code prefixLength} tokens cached in {@code prefix} (presents of an earlier call),
     * then {@code past} tokens cached in {@code cache}.
     */
    private static Step run(OrtSession decoder, float[][] embeds, int prefixLength, Map<String, float[]> prefix, int past,
                            Map<String, float[]> cache, OrtSession.RunOptions options) throws Exception {
        int n = embeds.length;
        float[] flat = new float[n * CONFIG.hidden()];
        for (int t = 0; t < n; t++) {
            System.arraycopy(embeds[t], 0, flat, t * CONFIG.hidden(), CONFIG.hidden());
        }
        long[] mask = new long[prefixLength + past + n];
        java.util.Arrays.fill(mask, 1);
        long[] positions = new long[n];
        for (int t = 0; t < n; t++) {
            positions[t] = prefixLength + past + t;
        }
        var inputs = new HashMap<String, OnnxTensor>();
        try {
            inputs.put("inputs_embeds", OnnxTensor.createTensor(ENV, FloatBuffer.wrap(flat), new long[] {1, n, CONFIG.hidden()}));
            inputs.put("attention_mask", OnnxTensor.createTensor(ENV, LongBuffer.wrap(mask), new long[] {1, mask.length}));
            inputs.put("position_ids", OnnxTensor.createTensor(ENV, LongBuffer.wrap(positions), new long[] {1, n}));
            for (int i = 0; i < CONFIG.layers(); i++) {
                for (String kind : List.of("key", "value")) {
                    float[] data = cache.getOrDefault("present." + i + "." + kind, new float[0]);
                    inputs.put("past_key_values." + i + "." + kind, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data),
                            new long[] {1, CONFIG.heads(), past, CONFIG.headSize()}));
                    float[] fixed = prefix.getOrDefault("present." + i + "." + kind, new float[0]);
                    inputs.put(TinyLlavaGraphs.PREFIX + i + "." + kind, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(fixed),
                            new long[] {1, CONFIG.heads(), prefixLength, CONFIG.headSize()}));
                }
            }
            try (OrtSession.Result result = options == null ? decoder.run(inputs) : decoder.run(inputs, options)) {
                var presents = new HashMap<String, float[]>();
                for (int i = 0; i < CONFIG.layers(); i++) {
                    for (String kind : List.of("key", "value")) {
                        String name = "present." + i + "." + kind;
                        presents.put(name, ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer().array());
                    }
                }
                return new Step((float[][][]) result.get("logits").orElseThrow().getValue(), presents, Map.of());
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
