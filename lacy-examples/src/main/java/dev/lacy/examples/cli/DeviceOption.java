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

    /** As {@link #models()}, with {@code threads} where --threads was not given. */
    ModelLoader models(int defaultThreads) {
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("--threads must be between 1 and 256 (0: one per core), got " + threads);
        }
        return Adapters.models(device, threads > 0 ? threads : defaultThreads);
    }
}
