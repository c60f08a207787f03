package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import java.util.List;

/**
 * What Algorithm 1 did with one training example: the first-pass confidence, whether it sampled,
 * how many candidate actions and descriptions were malformed (so that nothing is dropped without a
 * count), and the new triplets it accepted.
 */
public record AugmentationStep(double firstPassConfidence, boolean sampled, int candidates, int malformedCandidates,
                               int malformedDescriptions, List<Demonstration> accepted) {

    public AugmentationStep {
        accepted = List.copyOf(accepted);
    }
}
