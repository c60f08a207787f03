package dev.lacy.examples.cli;

import dev.lacy.core.port.ModelLoader;
import dev.lacy.examples.wiring.Adapters;
import dev.lacy.onnx.runtime.Device;
import picocli.CommandLine.Option;

/** The {@code --device} option of every command that runs a model, and the model loader on that device. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "CPU", description = "CPU, CUDA or AUTO for the model runs (default ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "ONNX Runtime threads per model call, "
            + "process-wide (default: one per core, or the command's own choice); lacy-tiny runs fastest with 1")
    int threads;

    Device device() {
        return device;
    }

    /** Model packages opened on this device, with --threads. */
    ModelLoader models() {
        return models(0);
    }

    /**
     * As {@link #models()}, with {@code defaultThreads} (0: one per core) where --threads was not given: the command's
     * preference, kept only where no model has opened in this process yet (an application that runs several commands
     * in one process keeps its first pool); --threads given is a requirement ({@link dev.lacy.onnx.runtime.OnnxThreads}).
     */
    ModelLoader models(int defaultThreads) {
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("--threads must be between 1 and 256 (0: one per core), got " + threads);
        }
        if (threads == 0 && defaultThreads > 0) {
            return Adapters.modelsPreferring(device, defaultThreads);
        }
        return Adapters.models(device, threads);
    }
}
