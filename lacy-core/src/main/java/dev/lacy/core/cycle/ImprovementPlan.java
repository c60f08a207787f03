package dev.lacy.core.cycle;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.TrainingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * One self-improvement run (paper section IV-D): start from {@code initial} demonstrations, train,
 * then {@code iterations} times augment with Algorithm 1, retrain from {@code base} on the merged
 * data and evaluate. Each iteration's model is written under {@code workDirectory}.
 */
public record ImprovementPlan(ModelRef base, List<Demonstration> initial, List<ConsistencySample> consistency,
                              int iterations, TrainingMode mode, Path workDirectory, long seed) {

    public ImprovementPlan {
        if (base == null || mode == null || workDirectory == null) {
            throw new IllegalArgumentException("an improvement plan needs a base model, a mode and a work directory");
        }
        if (initial == null || initial.isEmpty()) {
            throw new IllegalArgumentException("an improvement plan needs initial demonstrations");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations " + iterations + " must be >= 0");
        }
        initial = List.copyOf(initial);
        consistency = List.copyOf(consistency);
    }
}
