package dev.lacy.spark;

import java.util.concurrent.Callable;

/**
 * Runs a task's model work on a thread with a 512 MiB stack (reserved address space, committed only as used), as the
 * {@code lacy} command line runs its commands: native code (the tokenizer building its pre-tokenizer, ONNX Runtime)
 * recurses deeper than an executor thread's default stack holds, and a native stack overflow kills the executor
 * without a word (exit 139; seen with {@code lacy spark augment} in local mode).
 */
final class LargeStack {

    static final long STACK_BYTES = 512L << 20;

    private LargeStack() {
    }

    static <T> T call(String name, Callable<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name, STACK_BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        }
        if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure[0] instanceof Error error) {
            throw error;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed: " + failure[0], failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
