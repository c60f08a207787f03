package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.SelfImprovementLoop;
import java.nio.file.Path;

/**
 * The self-improvement loop made resumable after a crash: an iteration whose model package is complete
 * is not trained again, and each iteration's Algorithm 1 appends its triplets to the dataset
 * {@code iteration-N} under {@code <work directory>/accepted} as it goes ({@link AugmentationRun}), so a
 * rerun continues where the first run stopped and gives the same data.
 */
public final class ResumableImprovement {

    private ResumableImprovement() {
    }

    /**
     * {@code loop}, resumable in {@code workDirectory}, each iteration's Algorithm 1 stopping at {@code budget}
     * triplets (0: no limit) and keeping them in the store {@code stores} opens at {@code <workDirectory>/accepted} (a
     * loop that holds place points clear, {@link SelfImprovementLoop#withClearPlaces}, is another job than one that
     * does not: a rerun with the other is refused).
     */
    public static SelfImprovementLoop of(SelfImprovementLoop loop, DatasetStores stores, Path workDirectory, int budget) {
        return of(loop, stores, workDirectory, budget, 1);
    }

    /** As above, each Algorithm 1 computing {@code workers} examples at once (the same result; {@link AugmentationRun}). */
    public static SelfImprovementLoop of(SelfImprovementLoop loop, DatasetStores stores, Path workDirectory, int budget,
                                         int workers) {
        Path accepted = workDirectory.resolve("accepted");
        var store = stores.at(accepted);
        return loop.resumingWith((augmenter, iteration, examples) -> {
            String dataset = "iteration-" + iteration;
            new AugmentationRun(augmenter, store, dataset, accepted.resolve(dataset + ".augment-progress.json"),
                    "improve " + workDirectory.toAbsolutePath().normalize() + " iteration " + iteration
                            + (loop.clearsPlaces() ? " clear places" : ""), budget, workers)
                    .run(examples, (done, total) -> { });
            return AugmentationRun.accepted(store, dataset);
        });
    }
}
