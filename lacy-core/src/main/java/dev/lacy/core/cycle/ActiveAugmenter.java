package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Algorithm 1 of the paper, confidence-based active data augmentation with majority voting, as
 * written: a single deterministic L2A2L pass; only when its confidence {@code c <= tau}, N
 * stochastic L2A actions, and for each N stochastic A2L descriptions, each scored by L2C against
 * the original instruction; an action is kept when at least {@code nu} of its N descriptions reach
 * {@code c >= tau}.
 *
 * <p>Malformed model outputs are counted, never silently dropped: a malformed first-pass action or
 * description counts as confidence 0 (so the example is sampled); a malformed candidate action is
 * not explained; a malformed description is a vote against its action (it has no L2C call).
 *
 * <p>Sampling seeds derive from the settings' seed and the example's index, so a run over the same
 * data gives the same result, and an interrupted run can resume at any example.
 */
public final class ActiveAugmenter {

    private final Lacy lacy;
    private final AugmentationSettings settings;
    private final L2a2lPipeline pipeline;

    public ActiveAugmenter(Lacy lacy, AugmentationSettings settings) {
        this.lacy = lacy;
        this.settings = settings;
        this.pipeline = new L2a2lPipeline(lacy);
    }

    /** Algorithm 1 over a whole dataset. */
    public AugmentationResult augment(List<Demonstration> dataset) {
        var added = new ArrayList<Demonstration>();
        var steps = new ArrayList<AugmentationStep>(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            AugmentationStep step = augment(dataset.get(i), i);
            steps.add(step);
            added.addAll(step.accepted());
        }
        var augmented = new ArrayList<Demonstration>(dataset.size() + added.size());
        augmented.addAll(dataset);
        augmented.addAll(added);
        return new AugmentationResult(augmented, added, steps);
    }

    /** Algorithm 1's loop body for one example; {@code index} seeds its sampling. */
    public AugmentationStep augment(Demonstration example, long index) {
        RgbImage image = example.observation().image();
        String instruction = example.instruction();
        double confidence = pipeline.run(image, instruction).confidence();
        if (confidence > settings.tau()) {
            return new AugmentationStep(confidence, false, 0, 0, 0, List.of());
        }
        int n = settings.samples();
        List<TaskAnswer<PickPlaceAction>> candidates =
                lacy.l2a(image, instruction, n, seeded(index, 0));
        var accepted = new ArrayList<Demonstration>();
        int malformedCandidates = 0;
        int malformedDescriptions = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).parsed().isEmpty()) {
                malformedCandidates++;
                continue;
            }
            PickPlaceAction candidate = candidates.get(i).parsed().get();
            int positives = 0;
            for (TaskAnswer<String> description : lacy.a2l(image, candidate, n, seeded(index, i + 1))) {
                if (description.parsed().isEmpty()) {
                    malformedDescriptions++;
                } else if (lacy.l2c(image, instruction, description.parsed().get()).confidence() >= settings.tau()) {
                    positives++;
                }
            }
            if ((double) positives / n >= settings.vote()) {
                accepted.add(new Demonstration(example.observation(), instruction, candidate));
            }
        }
        return new AugmentationStep(confidence, true, candidates.size(), malformedCandidates,
                malformedDescriptions, accepted);
    }

    private Decoding seeded(long index, long stream) {
        return settings.sampling().withSeed(SeedStreams.seed(settings.sampling().seed(), index, stream));
    }
}
