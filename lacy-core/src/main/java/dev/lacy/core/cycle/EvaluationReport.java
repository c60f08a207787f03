package dev.lacy.core.cycle;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metrics of paper section IV: L2A, A2L and L2C success, and Pick / Pick &amp; Place when the
 * actions were executed on an arm. {@code l2aMisses} names each L2A miss with one reason: {@link
 * #MALFORMED} (the completion names no action), the judge's failure in words ({@code wrong object},
 * {@code wrong direction}, {@code too far from reference}, {@code wrong cell}, {@code nothing picked}, ...),
 * or {@link #EXECUTION} (the judge accepts the action, but executed on the arm it does not place the
 * object where the judge accepts: a collision, a fall, a missed grasp). {@code a2lMisses} names each A2L miss the
 * same way ({@link #MALFORMED}: no instruction parsed; else the judge's failure for the description).
 * {@code l2cCases} keeps every confidence for histograms; {@code l2cMisses} each L2C case answered wrongly, with the model's reasoning.
 * {@code l2aGrounding} scores the grounding sentence that opens each L2A chain of thought against the scene (empty for a
 * prompt format without chain of thought): the grounding the model acts on, where {@code lacy eval --grounding} scores
 * the base's answer to the grounding prompt alone.
 */
public record EvaluationReport(int scenes, TaskScore l2a, TaskScore a2l, TaskScore l2c,
                               Optional<TaskScore> pick, Optional<TaskScore> pickAndPlace,
                               List<L2aMiss> l2aMisses, List<A2lMiss> a2lMisses, List<LabelledConfidence> l2cCases,
                               List<L2cMiss> l2cMisses, Optional<GroundingScore> l2aGrounding) {

    /** The L2A completion did not parse to an action. */
    public static final String MALFORMED = "malformed";
    /** The judge accepted the action; executing it did not place the object where the judge accepts. */
    public static final String EXECUTION = "execution";

    public EvaluationReport {
        l2aMisses = List.copyOf(l2aMisses);
        a2lMisses = List.copyOf(a2lMisses);
        l2cCases = List.copyOf(l2cCases);
        l2cMisses = List.copyOf(l2cMisses);
        if (pick == null || pickAndPlace == null || l2aGrounding == null) {
            throw new IllegalArgumentException("a report needs its pick, pick-and-place and L2A grounding scores (or empty)");
        }
    }

    /** How many L2A misses each reason has, by reason; the counts add up to the misses. */
    public Map<String, Integer> l2aFailures() {
        return countByReason(l2aMisses.stream().map(L2aMiss::reason).toList());
    }

    /** How many A2L misses each reason has, by reason; the counts add up to the misses. */
    public Map<String, Integer> a2lFailures() {
        return countByReason(a2lMisses.stream().map(A2lMiss::reason).toList());
    }

    private static Map<String, Integer> countByReason(List<String> reasons) {
        var counts = new TreeMap<String, Integer>();
        reasons.forEach(reason -> counts.merge(reason, 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * One L2A miss: the test scene's index, its instruction, the reason ({@link #MALFORMED}, the judge's
     * failure in words, or {@link #EXECUTION}), what the judge or the arm said, and the model's completion.
     */
    public record L2aMiss(int scene, String instruction, String reason, String detail, String completion) {
    }

    /**
     * One A2L miss: the test scene's index, the instruction the scene was demonstrated with (for reference: any
     * description the judge accepts for the action counts), the reason ({@link #MALFORMED} or the judge's failure in
     * words), what the parser or the judge said, and the model's completion.
     */
    public record A2lMiss(int scene, String instruction, String reason, String detail, String completion) {
    }

    /**
     * One L2C case answered wrongly: the test scene's index, its instruction, the other instruction of the pair, whether
     * the two are consistent (the truth), the model's confidence that they are, and its reasoning before the answer (the
     * grounding and, for packages trained with it, the comparison line).
     */
    public record L2cMiss(int scene, String instruction, String other, boolean consistent, double confidence,
                          String reasoning) {
    }
}
