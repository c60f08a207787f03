package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.port.contract.AbstractVisionLanguageModelContractTest;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;
import dev.lacy.onnx.writer.ReferenceForwardPass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxVisionLanguageModelTest {

    @TempDir
    static Path dir;
    static TinyModelPackage tiny;
    static OnnxVisionLanguageModel model;
    static final String PROMPT = "<image>\nL2A: give the pick and place points.\n";

    @BeforeAll
    static void open() {
        tiny = new TinyModelPackage(dir.resolve("tiny"), 3);
        model = OnnxVisionLanguageModel.open(tiny.directory, Device.CPU);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static RgbImage image(int seed) {
        byte[] rgb = new byte[20 * 20 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 13 + seed * 71);
        }
        return RgbImage.of(20, 20, rgb);
    }

    private static GenerationRequest request(LacyTask task, int n, Decoding decoding, int tokens) {
        return new GenerationRequest(task, image(1), PROMPT, decoding, n, tokens, List.of());
    }

    /** The image tokens and the prompt's characters, embedded by the reference (with its text window, if any). */
    private static float[][] referencePrompt(ReferenceForwardPass reference, RgbImage image, String prompt) {
        return referenceSequence(reference, image, characterIds(prompt));
    }

    /** The image tokens and the text {@code ids}, the text embedded as a whole, as the embedding graph does. */
    private static float[][] referenceSequence(ReferenceForwardPass reference, RgbImage image, List<Integer> ids) {
        var preprocessor = new ImagePreprocessor(new ModelManifest.ImagePreprocessing(16, List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5)));
        var rows = new ArrayList<float[]>(List.of(reference.vision(preprocessor.pixels(image))));
        rows.addAll(List.of(reference.textEmbeddings(ids.stream().mapToInt(Integer::intValue).toArray())));
        return rows.toArray(float[][]::new);
    }

    private static List<Integer> characterIds(String prompt) {
        var ids = new ArrayList<Integer>();
        for (char c : prompt.replace("<image>", "").toCharArray()) {
            ids.add(TinyModelPackage.id(c));
        }
        return ids;
    }

    private static float[] last(float[][] logits) {
        return logits[logits.length - 1];
    }

    /** The reference's greedy tokens after {@code prompt} on image 1: every step embeds the whole text again. */
    private static String referenceGreedy(ReferenceForwardPass reference, String prompt, int steps) {
        var ids = characterIds(prompt);
        int promptLength = ids.size();
        for (int step = 0; step < steps; step++) {
            float[] last = last(reference.decode(referenceSequence(reference, image(1), ids)));
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                best = last[v] > last[best] ? v : best;
            }
            if (best == 1) {
                break;
            }
            ids.add(best);
        }
        return TinyModelPackage.text(ids.subList(promptLength, ids.size()));
    }

    @Test
    void greedyTokensAreExactlyThoseOfAPlainJavaReference() {
        String expected = referenceGreedy(new ReferenceForwardPass(tiny.weights, Map.of()), PROMPT, 12);

        String generated = model.generate(request(LacyTask.GROUNDING, 1, Decoding.greedy(), 12)).get(0);

        assertThat(generated).isEqualTo(expected).isNotEmpty();
    }

    /**
     * Closing while other threads call: close waits for the calls in flight, later calls are refused; nothing runs on
     * freed native sessions (that crashed a reproduce run with SIGSEGV when Algorithm 1's look-ahead outlived its model).
     */
    @Test
    void closingWhileCallsRunWaitsForThemAndRefusesTheRest() throws Exception {
        var closing = OnnxVisionLanguageModel.open(tiny.directory, Device.CPU);
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var started = new java.util.concurrent.CountDownLatch(4);
        var threads = new java.util.ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                try {
                    for (int i = 0; i < 10_000; i++) {
                        closing.generate(request(LacyTask.L2A, 4, Decoding.sampled(1.0, 1.0, i), 32));
                    }
                    outcomes.add("finished");
                } catch (IllegalStateException e) {
                    outcomes.add(e.getMessage());
                }
            });
            thread.start();
            threads.add(thread);
        }
        started.await();
        Thread.sleep(100);
        closing.close();
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(outcomes).hasSize(4).allSatisfy(o -> assertThat(o).contains("closed"));
    }

    @Test
    void withATextWindowEveryDecodingPathEmbedsEachTokenFromTheTokensBeforeIt() {
        var windowed = new TinyModelPackage(dir.resolve("windowed"), 4, TinyModelPackage.WINDOWED);
        var reference = new ReferenceForwardPass(windowed.weights, Map.of());
        String expected = referenceGreedy(reference, PROMPT, 12);
        float[] mixed = last(reference.decode(referencePrompt(reference, image(1), PROMPT)));
        var unmixed = new ArrayList<>(List.of(referenceSequence(reference, image(1), List.of())));
        characterIds(PROMPT).forEach(id -> unmixed.add(reference.tokenEmbedding(id)));
        float[] alone = last(reference.decode(unmixed.toArray(float[][]::new)));
        double mixEffect = 0;
        for (int v = 0; v < mixed.length; v++) {
            mixEffect = Math.max(mixEffect, Math.abs(mixed[v] - alone[v]));
        }
        assertThat(mixEffect).as("the text mix changes the logits").isGreaterThan(1e-2);

        try (var cached = OnnxVisionLanguageModel.open(windowed.directory, Device.CPU);
             var recomputing = OnnxVisionLanguageModel.open(windowed.directory, Device.CPU, false)) {
            assertThat(cached.manifest().embeddingWindow()).isEqualTo(3);
            var greedy = request(LacyTask.GROUNDING, 1, Decoding.greedy(), 12);
            var sampled = request(LacyTask.L2A, 3, Decoding.sampled(1.0, 0.9, 5), 16);

            assertThat(cached.generate(greedy).get(0)).isEqualTo(expected).isNotEmpty();
            assertThat(recomputing.generate(greedy)).isEqualTo(cached.generate(greedy));
            assertThat(recomputing.generate(sampled)).isEqualTo(cached.generate(sampled));
        }
    }

    @Test
    void decodingWithTheKvCacheGivesWhatFullRecomputationGives() {
        try (var recomputing = OnnxVisionLanguageModel.open(tiny.directory, Device.CPU, false)) {
            var greedy = request(LacyTask.L2A, 1, Decoding.greedy(), 16);
            var sampled = request(LacyTask.L2A, 3, Decoding.sampled(1.0, 0.9, 5), 16);

            assertThat(recomputing.generate(greedy)).isEqualTo(model.generate(greedy));
            assertThat(recomputing.generate(sampled)).isEqualTo(model.generate(sampled));
        }
    }

    @Test
    void samplesAreDecodedTogetherEachWithItsOwnSeededStream() {
        List<String> batch = model.generate(request(LacyTask.A2L, 4, Decoding.sampled(1.5, 1.0, 9), 10));

        assertThat(batch).hasSize(4).doesNotHaveDuplicates();
        assertThat(model.generate(request(LacyTask.A2L, 4, Decoding.sampled(1.5, 1.0, 9), 10))).isEqualTo(batch);
    }

    @Test
    void theTasksAdapterChangesTheL2cLogitsByExactlyWhatItsWeightsImply() {
        String prefix = "<image>\nL2C: same? Answer 1 or 0.\n";
        BinaryLogits adapted = model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(2), prefix, "1", "0"));
        BinaryLogits base = model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.GROUNDING, image(2), prefix, "1", "0"));

        float[] mergedQ = tiny.weights.layers().get(0).q().clone();
        int d = TinyModelPackage.CONFIG.hidden();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int r = 0; r < TinyModelPackage.RANK; r++) {
                    mergedQ[i * d + j] += tiny.adapterA[i * TinyModelPackage.RANK + r] * tiny.adapterB[r * d + j];
                }
            }
        }
        for (var expected : List.of(Map.entry(base, Map.<String, float[]>of()), Map.entry(adapted, Map.of("layers.0.q", mergedQ)))) {
            var reference = new ReferenceForwardPass(tiny.weights, expected.getValue());
            float[][] logits = reference.decode(referencePrompt(reference, image(2), prefix));
            float[] last = logits[logits.length - 1];
            assertThat(expected.getKey().positive()).isCloseTo(last[TinyModelPackage.id('1')], within(1e-4));
            assertThat(expected.getKey().negative()).isCloseTo(last[TinyModelPackage.id('0')], within(1e-4));
        }
        assertThat(adapted).isNotEqualTo(base);
    }

    @Test
    void twoDifferentImagesGiveDifferentOutputs() {
        String prefix = "<image>\nL2C: same?\n";
        assertThat(model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(1), prefix, "1", "0")))
                .isNotEqualTo(model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image(5), prefix, "1", "0")));
    }

    @Test
    void aCompletionThatRunsIntoTheEndOfTheContextLeavesTheLastPositionForTheEndOfSequence() {
        int positions = TinyModelPackage.CONFIG.maxPositions();
        int imageTokens = TinyModelPackage.CONFIG.imageTokens();
        // a prompt that leaves five positions: four tokens, then the end of sequence a training sequence needs
        String prompt = "<image>" + "a".repeat(positions - imageTokens - 5);
        List<String> completions = model.generate(new GenerationRequest(LacyTask.L2A, image(2), prompt,
                Decoding.sampled(1.0, 1.0, 3), 4, 50, List.of()));

        assertThat(completions).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(4));
        assertThat(completions).anySatisfy(c -> assertThat(c).hasSize(4)); // random weights rarely end early
    }

    @Test
    void generationStopsBeforeAStopSequence() {
        String free = model.generate(request(LacyTask.GROUNDING, 1, Decoding.greedy(), 24)).get(0);
        String stop = free.substring(3, 4);

        String stopped = model.generate(new GenerationRequest(LacyTask.GROUNDING, image(1), PROMPT, Decoding.greedy(), 1, 24,
                List.of(stop))).get(0);

        assertThat(stopped).isEqualTo(free.substring(0, free.indexOf(stop)));
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        List<Callable<List<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int seed = i;
            calls.add(() -> model.generate(request(LacyTask.L2A, 2, Decoding.sampled(1.0, 0.95, seed), 8)));
        }
        var sequential = new ArrayList<List<String>>();
        for (var call : calls) {
            sequential.add(call.call());
        }
        var pool = Executors.newFixedThreadPool(3);
        try {
            var futures = pool.invokeAll(calls);
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Nested
    class Contract extends AbstractVisionLanguageModelContractTest {
        @Override
        protected VisionLanguageModel createModel() {
            return OnnxVisionLanguageModel.open(tiny.directory, Device.CPU);
        }

        @Override
        protected RgbImage image() {
            return OnnxVisionLanguageModelTest.image(3);
        }
    }
}
