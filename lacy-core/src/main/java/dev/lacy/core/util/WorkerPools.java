package dev.lacy.core.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Thread pools of work computed side by side (Algorithm 1's batches, the evaluation's, a fine-tune's example texts):
 * daemon threads, so that a pool left behind never keeps the JVM alive.
 */
public final class WorkerPools {

    private WorkerPools() {
    }

    /** {@code workers} daemon threads named {@code name}. */
    public static ExecutorService daemons(int workers, String name) {
        return Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Waits until {@code pool}, already shut down, has no task running (the caller closes the model next, and a model
     * call must not outlive it); an interrupt meanwhile is kept for the caller.
     */
    public static void awaitEnd(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
