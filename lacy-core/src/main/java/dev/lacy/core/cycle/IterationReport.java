package dev.lacy.core.cycle;

import dev.lacy.core.port.ModelRef;

/** One self-improvement iteration: the data it trained on, what Algorithm 1 added before it, and its metrics. */
public record IterationReport(int iteration, int trainingSize, int added, ModelRef model, EvaluationReport evaluation) {
}
