package dev.lacy.core.port;

import dev.lacy.core.data.Sample;
import java.util.List;

/**
 * Named, append-only collections of samples that survive a crash. Dataset names are lowercase
 * words of letters, digits, {@code -} and {@code _}.
 */
public interface DatasetStore {

    /**
     * Appends the samples as one atomic step: after a crash either all of them are stored or none.
     * Creates the dataset if it does not exist.
     */
    void append(String dataset, List<? extends Sample> samples);

    /** Every sample in the order appended; an unknown dataset is an {@link IllegalArgumentException}. */
    List<Sample> read(String dataset);

    /** The number of samples stored. 0 for a dataset that does not exist. */
    long size(String dataset);

    /**
     * Makes the caller the dataset's only writer before it reads what the dataset holds and appends more (a
     * generator that resumes from {@link #size}); a store that other processes share refuses when another one writes
     * it. Nothing for a store no one else can reach.
     */
    default void claim(String dataset) {
    }

    /**
     * The samples as a list that reads each one when asked for it, for a caller that goes through many more samples
     * than memory holds at once (base pretraining on a large grounding set): only the samples the caller keeps stay in
     * memory. This default reads them all at once; a store on files reads each on {@code get}. A sample of another kind
     * than {@code kind} is an error naming its position, when the view is made or, at the latest, when it is read.
     */
    default <T extends Sample> List<T> view(String dataset, Class<T> kind) {
        return read(dataset, kind);
    }

    /** The samples of one kind; a sample of another kind is an error naming its position. */
    default <T extends Sample> List<T> read(String dataset, Class<T> kind) {
        List<Sample> all = read(dataset);
        for (int i = 0; i < all.size(); i++) {
            if (!kind.isInstance(all.get(i))) {
                throw new IllegalArgumentException("dataset '" + dataset + "' sample " + i + " is a "
                        + all.get(i).getClass().getSimpleName() + ", not a " + kind.getSimpleName());
            }
        }
        return all.stream().map(kind::cast).toList();
    }
}
