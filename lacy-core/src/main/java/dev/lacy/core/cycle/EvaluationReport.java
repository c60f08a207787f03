package dev.lacy.core.cycle;

import java.util.List;
import java.util.Optional;

/**
 * The metrics of paper section IV: L2A, A2L and L2C success, and Pick / Pick &amp; Place when the
 * actions were executed on an arm. {@code l2cCases} keeps every confidence for histograms.
 */
public record EvaluationReport(int scenes, TaskScore l2a, TaskScore a2l, TaskScore l2c,
                               Optional<TaskScore> pick, Optional<TaskScore> pickAndPlace,
                               List<LabelledConfidence> l2cCases) {

    public EvaluationReport {
        l2cCases = List.copyOf(l2cCases);
    }
}
