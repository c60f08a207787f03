package dev.lacy.spark;

import java.util.Set;

/**
 * A {@link TaskProbe} that fails the first attempt of chosen partitions: some after their first item (nothing
 * committed yet), some after their commit (the output is there, the task is reported failed and runs again).
 */
record FailingAttempts(Set<Integer> beforeCommit, Set<Integer> afterCommit) implements TaskProbe {

    @Override
    public void computed(int partition, int attempt, long index) {
        if (attempt == 0 && beforeCommit.contains(partition)) {
            throw new IllegalStateException("injected failure: partition " + partition + " attempt 0 after item " + index);
        }
    }

    @Override
    public void committed(int partition, int attempt) {
        if (attempt == 0 && afterCommit.contains(partition)) {
            throw new IllegalStateException("injected failure: partition " + partition + " attempt 0 after its commit");
        }
    }
}
