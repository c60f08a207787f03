package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.LacyTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CoordinateTargetsTest {

    private static final LacyPromptFormat FORMAT = LacyPromptFormat.withChainOfThought();

    @Test
    void aCaptionsCoordinatesAfterTheGroundingSentenceAreTrainedExactlyAndEveryOtherAgainstAGaussian() {
        Encoding encoding = encode(3, false, 1f, 1f);
        int captionsWithCopies = 0;
        for (Encoded encoded : encoding.examples()) {
            TrainingExamples.Example example = encoded.example();
            List<List<Float>> lines = ownWeightsByLine(example, encoded.targets(), encoding.coordinates(), encoding.vocab());
            // the grounding sentence reads the image: a Gaussian, whatever the task
            assertThat(lines.get(0)).isNotEmpty().allSatisfy(w -> assertThat(w).isBetween(0.3f, 0.6f));
            List<Float> later = lines.subList(1, lines.size()).stream().flatMap(List::stream).toList();
            if (example.task() == LacyTask.GROUNDING) {
                // a caption's coordinates after it are copied or computed from it: exact
                assertThat(later).allSatisfy(w -> assertThat(w).isEqualTo(1f));
                captionsWithCopies += later.isEmpty() ? 0 : 1;
            } else {
                // L2A's referents line and answer keep the Gaussian of fine-tuning
                assertThat(example.task()).isEqualTo(LacyTask.L2A);
                assertThat(later).isNotEmpty().allSatisfy(w -> assertThat(w).isBetween(0.3f, 0.6f));
            }
        }
        // per image: "Where is the X?" and the two instruction captions copy or compute coordinates
        assertThat(captionsWithCopies).isEqualTo(9);
    }

    @Test
    void theActionOfAnL2aCompletionWeighsAsMuchAsItsWeightAndEveryOtherTokenOne() {
        Encoding encoding = encode(2, true, 3f, 1f);
        int vocab = encoding.vocab();
        int l2a = 0;
        for (Encoded encoded : encoding.examples()) {
            TrainingExamples.Example example = encoded.example();
            boolean afterGrounding = false;
            float expectedCount = 0;
            for (int t = example.promptLength(); t < example.ids().length; t++) {
                float sum = weightOf(encoded, t, vocab);
                float weight = afterGrounding && example.task() == LacyTask.L2A ? 3f : 1f;
                assertThat(sum).as("token %d of a %s completion", t, example.task()).isCloseTo(weight, org.assertj.core.data.Offset.offset(1e-4f));
                expectedCount += weight;
                afterGrounding |= example.ids()[t] == encoding.coordinates().newline();
            }
            assertThat(encoded.targetCount()).isCloseTo(expectedCount, org.assertj.core.data.Offset.offset(1e-3f));
            l2a += example.task() == LacyTask.L2A ? 1 : 0;
        }
        assertThat(l2a).isPositive();
    }

    @Test
    void anL2cComparisonLineWeighsItsWeightTakenFromItsGroundingSentenceSoThatTheCompletionWeighsItsLength() {
        Encoding encoding = encode(2, false, 3f, 3f);
        int vocab = encoding.vocab();
        int l2c = 0;
        for (Encoded encoded : encoding.examples()) {
            TrainingExamples.Example example = encoded.example();
            if (example.task() != LacyTask.L2C) {
                continue;
            }
            l2c++;
            float grounding = TrainingBatch.l2cGroundingWeight(example, encoding.coordinates().newline(), 3f);
            assertThat(grounding).isBetween((float) StageSettings.MIN_GROUNDING_WEIGHT, 0.99f);
            boolean afterGrounding = false;
            int after = 0;
            for (int t = example.promptLength(); t < example.ids().length; t++) {
                float sum = weightOf(encoded, t, vocab);
                assertThat(sum).as("token %d of an L2C completion", t)
                        .isCloseTo(afterGrounding ? 3f : grounding, org.assertj.core.data.Offset.offset(1e-4f));
                after += afterGrounding ? 1 : 0;
                afterGrounding |= example.ids()[t] == encoding.coordinates().newline();
            }
            assertThat(after).as("a comparison line and an answer").isGreaterThan(1);
            int completion = example.ids().length - example.promptLength();
            assertThat(encoded.targetCount()).isCloseTo((completion - after) * grounding + 3f * after,
                    org.assertj.core.data.Offset.offset(1e-2f));
            if (grounding > StageSettings.MIN_GROUNDING_WEIGHT + 1e-6) {
                assertThat(encoded.targetCount()).isCloseTo(completion, org.assertj.core.data.Offset.offset(1e-2f));
            }
        }
        assertThat(l2c).isEqualTo(2);
    }

    @Test
    void withoutAnL2cWeightNothingOfAnL2cCompletionMoves() {
        TrainingExamples.Example example = new TrainingExamples.Example(0, new long[] {5, 6, 7, 2, 8, 9}, 1, LacyTask.L2C);
        assertThat(TrainingBatch.l2cGroundingWeight(example, 2, 1f)).isEqualTo(1f);
        // three grounding tokens (the newline included) and two after: (5 - 2 * 2) / 3
        assertThat(TrainingBatch.l2cGroundingWeight(example, 2, 2f)).isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(TrainingBatch.l2cGroundingWeight(example, 2, 10f)).isEqualTo((float) StageSettings.MIN_GROUNDING_WEIGHT);
        // no newline: nothing after the grounding sentence, nothing to weigh
        assertThat(TrainingBatch.l2cGroundingWeight(example, 99, 3f)).isEqualTo(1f);
    }

    /** The weight of token {@code t}: the sum of its target row. */
    private static float weightOf(Encoded encoded, int t, int vocab) {
        float sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += encoded.targets()[t * vocab + v];
        }
        return sum;
    }

    /** One example's targets as a batch of one encodes them. */
    private record Encoded(TrainingExamples.Example example, float[] targets, float targetCount) {
    }

    private record Encoding(List<Encoded> examples, CoordinateTokens coordinates, int vocab) {
    }

    /**
     * The pretraining examples of {@code scenes} grounding images and the L2A (and A2L where {@code a2l})
     * examples of {@code scenes} demonstrations (and an L2C pair of each where {@code l2cWeight} is not 1), each encoded
     * alone with L2A's action weighing {@code actionWeight} and L2C's comparison line and answer {@code l2cWeight}.
     */
    private static Encoding encode(int scenes, boolean a2l, float actionWeight, float l2cWeight) {
        PyTorchEngine.configure();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            var config = TrainingTest.TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var random = new SplittableRandom(3);
            SyntheticScenes.grounding(scenes, 1).forEach(s -> data.addPretraining(s, FORMAT, random));
            var demonstrations = SyntheticScenes.demonstrations(scenes, 2);
            demonstrations.forEach(d -> data.addDemonstration(d, FORMAT, true, a2l));
            if (l2cWeight != 1) {
                SyntheticScenes.consistency(demonstrations).forEach(p -> data.addConsistency(p, FORMAT));
            }
            var coordinates = CoordinateTokens.of(tokenizer);
            var encoded = new ArrayList<Encoded>();
            for (int i = 0; i < data.examples().size(); i++) {
                var batch = TrainingBatch.of(new int[] {i}, data.examples(), data, config, coordinates,
                        SyntheticScenes.NAMES.size() + 1, false, false, actionWeight, l2cWeight, manager);
                encoded.add(new Encoded(data.examples().get(i), dense(batch, config.vocab()), batch.targetCount()));
            }
            return new Encoding(encoded, coordinates, config.vocab());
        }
    }

    /** A batch's targets as rows over the vocabulary {@code [length, vocab]} (a batch of one). */
    private static float[] dense(TrainingBatch batch, int vocab) {
        long[] ids = batch.targetIds().toLongArray();
        float[] weights = batch.targetWeights().toFloatArray();
        float[] dense = new float[batch.length() * vocab];
        for (int i = 0; i < ids.length; i++) {
            dense[i / TrainingBatch.SPREAD * vocab + (int) ids[i]] += weights[i];
        }
        return dense;
    }

    @Test
    void theLossIsTheWeightedCrossEntropyOverTheWholeVocabulary() {
        PyTorchEngine.configure();
        try (var tokenizer = LacyTokenizer.build(DjlTrainer.templateCorpus(FORMAT), new TreeSet<>(SyntheticScenes.NAMES));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            var config = TrainingTest.TINY.config(tokenizer.size());
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, SyntheticScenes.NAMES);
            var demonstrations = SyntheticScenes.demonstrations(2, 2);
            demonstrations.forEach(d -> data.addDemonstration(d, FORMAT, true, true));
            SyntheticScenes.consistency(demonstrations).forEach(p -> data.addConsistency(p, FORMAT));
            int[] all = java.util.stream.IntStream.range(0, data.examples().size()).toArray();
            var batch = TrainingBatch.of(all, data.examples(), data, config, CoordinateTokens.of(tokenizer),
                    SyntheticScenes.NAMES.size() + 1, false, false, 3f, 2f, manager);
            int vocab = config.vocab();
            var random = new SplittableRandom(5);
            float[] logits = new float[all.length * batch.length() * vocab];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) random.nextGaussian();
            }
            var logp = manager.create(logits, new ai.djl.ndarray.types.Shape(all.length, batch.length(), vocab)).logSoftmax(-1);
            // the whole vocabulary's rows, built position by position from the batch's targets
            long[] ids = batch.targetIds().toLongArray();
            float[] weights = batch.targetWeights().toFloatArray();
            float[] p = logp.toFloatArray();
            double expected = 0;
            for (int i = 0; i < ids.length; i++) {
                expected -= weights[i] * p[i / TrainingBatch.SPREAD * vocab + (int) ids[i]];
            }
            expected /= batch.targetCount();
            assertThat(expected).isGreaterThan(1.0);
            assertThat((double) batch.loss(logp).getFloat()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * expected));
        }
    }

    /** The target weight each coordinate token of the completion puts on its own value, line by line. */
    private static List<List<Float>> ownWeightsByLine(TrainingExamples.Example example, float[] targets,
                                                      CoordinateTokens coordinates, int vocab) {
        var lines = new ArrayList<List<Float>>();
        lines.add(new ArrayList<>());
        for (int t = example.promptLength(); t < example.ids().length; t++) {
            int id = (int) example.ids()[t];
            if (coordinates.binOf()[id] >= 0) {
                lines.get(lines.size() - 1).add(targets[t * vocab + id]);
            }
            if (id == coordinates.newline()) {
                lines.add(new ArrayList<>());
            }
        }
        return lines;
    }
}
