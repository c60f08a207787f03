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
        Path accepted = workDirectory.resolve("accepted");
        var store = new FileDatasetStore(accepted);
        return loop.resumingWith(model -> Demo.complete(model.location()), (augmenter, iteration, initial) -> {
            String dataset = "iteration-" + iteration;
            new AugmentationRun(augmenter, store, dataset, accepted.resolve(dataset + ".augment-progress.json"))
                    .runOnDemonstrations(initial, (done, total) -> { });
            return AugmentationRun.accepted(store, dataset);
        });
    }
}
