package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import java.util.List;

/** The output of Algorithm 1 over a dataset: {@code D_aug = D ∪ D_new}, with per-example steps. */
public record AugmentationResult(List<Demonstration> augmented, List<Demonstration> added, List<AugmentationStep> steps) {

    public AugmentationResult {
        augmented = List.copyOf(augmented);
        added = List.copyOf(added);
        steps = List.copyOf(steps);
    }

    public long sampledExamples() {
        return steps.stream().filter(AugmentationStep::sampled).count();
    }
}
