package dev.lacy.core.port;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import java.nio.file.Path;
import java.util.List;

/**
 * Multi-task fine-tuning (paper stage 2) of a base model on L2A and A2L (from the demonstrations)
 * and L2C (from the consistency samples), always starting again from {@code base}. The samples are read as given, not
 * copied, so that a store's {@link DatasetStore#view} can hand over more of them than memory holds (each read when the
 * trainer asks for it): the caller must not change the lists while the job runs.
 */
public record FineTuneJob(ModelRef base, List<Demonstration> demonstrations, List<ConsistencySample> consistency,
                          TrainingMode mode, Path output, long seed, TrainingListener listener) {

    public FineTuneJob {
        if (base == null || mode == null || output == null || listener == null) {
            throw new IllegalArgumentException("fine-tuning needs a base model, a mode, an output and a listener");
        }
        if (demonstrations == null || demonstrations.isEmpty()) {
            throw new IllegalArgumentException("fine-tuning needs at least one demonstration");
        }
        demonstrations = java.util.Collections.unmodifiableList(demonstrations);
        consistency = java.util.Collections.unmodifiableList(consistency);
    }
}
