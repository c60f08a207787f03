package dev.lacy.onnx.runtime;

/**
 * How many threads ONNX Runtime runs each model call with, process-wide (one pool shared by every model). By default
 * one per core; small models such as lacy-tiny run fastest with one thread and several calls at once (Algorithm 1's
 * workers; docs/demo.md has the measurements). Choose before the first model opens.
 */
public final class OnnxThreads {

    private OnnxThreads() {
    }

    /** Runs every model call with {@code threads} intra-op threads; an error once models run with another number. */
    public static void use(int threads) {
        OnnxRuntimes.useThreads(threads);
    }

    /**
     * Runs every model call with {@code threads} intra-op threads where no model has opened yet; once models run, they
     * keep the number they run with: a default a command prefers, not one its user asked for ({@link #use}). Returns
     * the threads model calls run with.
     */
    public static int prefer(int threads) {
        return OnnxRuntimes.preferThreads(threads);
    }
}
