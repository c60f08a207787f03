package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import java.util.List;

/**
 * How an iteration of the {@link SelfImprovementLoop} runs Algorithm 1 over the initial demonstrations.
 * {@link #IN_MEMORY} keeps nothing; an implementation that writes each example's triplets as it goes and
 * resumes after a crash makes the loop resumable (the examples module's {@code AugmentationRun}).
 */
@FunctionalInterface
public interface IterationAugmentation {

    /** Algorithm 1 in memory: a crash loses the iteration's triplets. */
    IterationAugmentation IN_MEMORY = (augmenter, iteration, examples) -> {
        var added = new java.util.ArrayList<Demonstration>();
        for (int i = 0; i < examples.size(); i++) {
            added.addAll(augmenter.augment(examples.get(i), i).accepted());
        }
        return added;
    };

    /**
     * The triplets that {@code augmenter} (Algorithm 1 with the previous iteration's model) accepts over
     * {@code examples} (the iteration's share of the pool, or the initial demonstrations' instructions), to be
     * merged into the data of iteration {@code iteration}.
     */
    List<Demonstration> augment(ActiveAugmenter augmenter, int iteration, List<InstructionSample> examples);
}
