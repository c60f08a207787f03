package dev.lacy.examples.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The thread pools of the pipelines that compute batches side by side (Algorithm 1, the evaluation). */
final class WorkerPools {

    private WorkerPools() {
    }

    /** {@code workers} daemon threads named {@code name}. */
    static ExecutorService daemons(int workers, String name) {
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
    static void awaitEnd(ExecutorService pool) {
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
