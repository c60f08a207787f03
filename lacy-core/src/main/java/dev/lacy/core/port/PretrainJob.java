package dev.lacy.core.port;

import dev.lacy.core.data.GroundingSample;
import java.nio.file.Path;
import java.util.List;

/**
 * Base pretraining on object grounding (paper stage 1), written as a model package to {@code output}. The samples are
 * read as given, not copied, so that a store's {@link DatasetStore#view} can hand over more of them than memory holds
 * (each read when the trainer asks for it): the caller must not change the list while the job runs.
 */
public record PretrainJob(List<GroundingSample> samples, Path output, long seed, TrainingListener listener) {

    public PretrainJob {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("pretraining needs at least one grounding sample");
        }
        if (output == null || listener == null) {
            throw new IllegalArgumentException("pretraining needs an output directory and a listener");
        }
        samples = java.util.Collections.unmodifiableList(samples);
    }
}
