package dev.lacy.spark;

import java.io.Serializable;

/**
 * Told by a job's tasks what they have done: the jobs pass {@link #NONE}; tests pass one that fails chosen attempts
 * (before or after their commit), to show that retries leave no duplicates and no gaps.
 */
public interface TaskProbe extends Serializable {

    TaskProbe NONE = new TaskProbe() {
        private static final long serialVersionUID = 1L;
    };

    /** Item {@code index} was computed by attempt {@code attempt} (0 for the first) of partition {@code partition}. */
    default void computed(int partition, int attempt, long index) {
    }

    /** Attempt {@code attempt} of partition {@code partition} committed its output (or found another attempt's). */
    default void committed(int partition, int attempt) {
    }
}
