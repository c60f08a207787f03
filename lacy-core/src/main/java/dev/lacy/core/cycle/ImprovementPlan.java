package dev.lacy.core.cycle;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.TrainingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * One self-improvement run (paper section IV-D): start from {@code initial} demonstrations, train,
 * then {@code iterations} times augment with Algorithm 1, retrain from {@code base} on the merged
 * data and evaluate. Each iteration's model is written under {@code workDirectory}. Algorithm 1 runs over
 * an instruction {@code pool}, split into one equal, disjoint share per iteration (each iteration sees new
 * instructions); without a pool, over the initial demonstrations' instructions every iteration (the paper's recipe).
 */
public record ImprovementPlan(ModelRef base, List<Demonstration> initial, List<ConsistencySample> consistency,
                              int iterations, TrainingMode mode, Path workDirectory, long seed,
                              List<InstructionSample> pool) {

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
        pool = List.copyOf(pool);
    }

    /** Without a pool: Algorithm 1 over the initial demonstrations' instructions. */
    public ImprovementPlan(ModelRef base, List<Demonstration> initial, List<ConsistencySample> consistency,
                           int iterations, TrainingMode mode, Path workDirectory, long seed) {
        this(base, initial, consistency, iterations, mode, workDirectory, seed, List.of());
    }

    /** What Algorithm 1 runs over before iteration {@code iteration} (1 to {@link #iterations}). */
    public List<InstructionSample> examplesFor(int iteration) {
        if (pool.isEmpty()) {
            return initial.stream().map(InstructionSample::of).toList();
        }
        int share = pool.size() / iterations;
        return pool.subList((iteration - 1) * share, iteration == iterations ? pool.size() : iteration * share);
    }
}
