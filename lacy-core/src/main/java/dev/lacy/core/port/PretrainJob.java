package dev.lacy.core.port;

import dev.lacy.core.data.GroundingSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Base pretraining on object grounding (paper stage 1), written as a model package to {@code output}. The samples are
 * read as given, not copied, so that a store's {@link DatasetStore#view} can hand over more of them than memory holds
 * (each read when the trainer asks for it): the caller must not change the list while the job runs.
 *
 * <p>{@code from}: a base to continue from (its weights, sizes and vocabulary), trained for the job's steps again; empty
 * to start from random weights. A base pretrained for a while can so be pretrained longer, on the same or fresh scenes,
 * without paying again for the steps it has had.
 *
 * <p>{@code pickPhrases}: the base is taught the lines of {@link dev.lacy.core.format.PromptFormat#pickPhrases()} (its
 * instruction captions answer with the instruction's own pick phrase and the place point L2A is taught), and its
 * fine-tunes are taught them too; true unless {@link #withoutPickPhrases()} says otherwise (the pick phrases ground
 * better and cost the fine-tunes nothing measurable). A base continued from one taught them keeps them.
 */
public record PretrainJob(List<GroundingSample> samples, Path output, long seed, TrainingListener listener,
                          Optional<ModelRef> from, boolean pickPhrases) {

    public PretrainJob {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("pretraining needs at least one grounding sample");
        }
        if (output == null || listener == null) {
            throw new IllegalArgumentException("pretraining needs an output directory and a listener");
        }
        if (from == null) {
            throw new IllegalArgumentException("pretraining from nothing is Optional.empty(), not null");
        }
        if (from.isPresent() && from.get().location().toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("pretraining would write over the base it continues from: " + output);
        }
        samples = java.util.Collections.unmodifiableList(samples);
    }

    /** Pretraining from random weights, teaching the pick phrases. */
    public PretrainJob(List<GroundingSample> samples, Path output, long seed, TrainingListener listener) {
        this(samples, output, seed, listener, Optional.empty(), true);
    }

    /** The same job, continuing from {@code base}. */
    public PretrainJob continuing(ModelRef base) {
        return new PretrainJob(samples, output, seed, listener, Optional.of(base), pickPhrases);
    }

    /** The same job, teaching the pick phrases (as a job does unless told otherwise). */
    public PretrainJob withPickPhrases() {
        return new PretrainJob(samples, output, seed, listener, from, true);
    }

    /** The same job, leaving the pick phrases out (a base as shipped before 2026-12-07). */
    public PretrainJob withoutPickPhrases() {
        return new PretrainJob(samples, output, seed, listener, from, false);
    }
}
