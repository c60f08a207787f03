package dev.lacy.core.port;

/** Receives progress from a training run, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    TrainingListener SILENT = progress -> { };

    void onProgress(TrainingProgress progress);
}
