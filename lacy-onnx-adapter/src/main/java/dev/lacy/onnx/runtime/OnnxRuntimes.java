package dev.lacy.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The one process-wide ONNX Runtime environment, created with a global intra-op thread pool that
 * every session of the library shares (one pool for the three graphs, not three competing ones).
 */
final class OnnxRuntimes {

    private static OrtEnvironment environment;
    private static boolean globalPools;
    /** Intra-op threads of the global pool; 0: one per core. */
    private static int threads;
    private static int createdWith;

    private OnnxRuntimes() {
    }

    static synchronized OrtEnvironment environment() {
        if (environment == null) {
            try (var threading = new OrtEnvironment.ThreadingOptions()) {
                createdWith = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
                threading.setGlobalIntraOpNumThreads(createdWith);
                threading.setGlobalInterOpNumThreads(1);
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "lacy", threading);
                globalPools = true;
            } catch (OrtException e) {
                throw new IllegalStateException("cannot create the ONNX Runtime environment: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                // the application created the environment first, without global pools: share it, and give
                // each session its own threads, which is what such an environment requires
                environment = OrtEnvironment.getEnvironment();
                globalPools = false;
            }
        }
        return environment;
    }

    /** Chooses the global pool's intra-op threads; before the environment exists, or the same number again. */
    static synchronized void useThreads(int requested) {
        requireThreads(requested);
        if (environment != null && globalPools && requested != createdWith) {
            throw new IllegalStateException("ONNX Runtime already runs with " + createdWith + " threads in this process; "
                    + "choose the threads before the first model opens");
        }
        threads = requested;
    }

    /**
     * Chooses the global pool's intra-op threads where no model has opened yet; otherwise keeps the pool as it is.
     * Returns the threads model calls will run with.
     */
    static synchronized int preferThreads(int requested) {
        requireThreads(requested);
        if (environment != null && globalPools) {
            return createdWith;
        }
        threads = requested;
        return requested;
    }

    private static void requireThreads(int requested) {
        if (requested < 1 || requested > 256) {
            throw new IllegalArgumentException("ONNX Runtime threads must be between 1 and 256, got " + requested);
        }
    }

    /** Session options that use the global thread pool (their own threads where the environment has none). */
    static synchronized OrtSession.SessionOptions sharedPoolOptions() throws OrtException {
        var options = new OrtSession.SessionOptions();
        if (globalPools) {
            options.disablePerSessionThreads();
        } else if (threads > 0) {
            options.setIntraOpNumThreads(threads);
        }
        // every LoRA input is an initializer that is also a graph input, by design (an overridable
        // default); ONNX Runtime warns about each one, so only errors are logged
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }
}
