package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.scene.PickPlaceAction;
import java.util.List;
import java.util.Optional;

/**
 * What Algorithm 1 did with one example: the first pass's action (empty when malformed) and confidence,
 * whether it sampled, how many candidate actions were sampled and how many of them and of their descriptions
 * were malformed (so that nothing is dropped without a count), each distinct well-formed candidate with its
 * vote, and the new triplets it accepted.
 */
public record AugmentationStep(double firstPassConfidence, Optional<PickPlaceAction> firstPassAction, boolean sampled,
                               int candidates, int malformedCandidates, int malformedDescriptions,
                               List<VerifiedCandidate> verified, List<Demonstration> accepted) {

    /**
     * One distinct candidate action: how many samples gave it, whether it agrees with the model's grounding
     * ({@link GroundingCheck}; one that does not is not explained), how many of its descriptions L2C accepted, of
     * how many ({@code descriptions} 0 for a grounded candidate: not explained, because with one action kept per
     * example an earlier one had already won every vote and could not be beaten).
     */
    public record VerifiedCandidate(PickPlaceAction action, int samples, boolean grounded, int positives, int descriptions,
                                    boolean accepted) {
    }

    public AugmentationStep {
        if (firstPassAction == null) {
            throw new IllegalArgumentException("firstPassAction must be Optional.empty(), not null");
        }
        verified = List.copyOf(verified);
        accepted = List.copyOf(accepted);
    }

    /** A confident first pass: nothing sampled. */
    static AugmentationStep confident(double confidence, Optional<PickPlaceAction> action) {
        return new AugmentationStep(confidence, action, false, 0, 0, 0, List.of(), List.of());
    }
}
