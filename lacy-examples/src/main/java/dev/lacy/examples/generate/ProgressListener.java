package dev.lacy.examples.generate;

/** Hears how far a long job has come. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener SILENT = (done, total) -> { };

    void progress(long done, long total);
}
