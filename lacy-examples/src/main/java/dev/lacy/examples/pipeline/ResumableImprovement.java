package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.SelfImprovementLoop;
import dev.lacy.dataset.FileDatasetStore;
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

    public static SelfImprovementLoop of(SelfImprovementLoop loop, Path workDirectory) {
        return of(loop, workDirectory, 0);
    }

    /** As {@link #of(SelfImprovementLoop, Path)}, each iteration's Algorithm 1 stopping at {@code budget} triplets (0: none). */
    public static SelfImprovementLoop of(SelfImprovementLoop loop, Path workDirectory, int budget) {
        Path accepted = workDirectory.resolve("accepted");
        var store = new FileDatasetStore(accepted);
        return loop.resumingWith(model -> Demo.complete(model.location()), (augmenter, iteration, examples) -> {
            String dataset = "iteration-" + iteration;
            new AugmentationRun(augmenter, store, dataset, accepted.resolve(dataset + ".augment-progress.json"),
                    "improve " + workDirectory.toAbsolutePath().normalize() + " iteration " + iteration, budget)
                    .run(examples, (done, total) -> { });
            return AugmentationRun.accepted(store, dataset);
        });
    }
}
