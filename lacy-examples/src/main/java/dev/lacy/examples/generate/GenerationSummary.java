package dev.lacy.examples.generate;

/** What a generation run left in the store. */
public record GenerationSummary(long train, long trainConsistency, long grounding, long test, double relativeShare,
                                double objectsPerScene, long generatedNow, double seconds) {
}
