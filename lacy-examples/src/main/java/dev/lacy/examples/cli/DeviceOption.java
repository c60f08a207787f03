package dev.lacy.examples.cli;

import dev.lacy.core.port.ModelLoader;
import dev.lacy.examples.wiring.Adapters;
import dev.lacy.onnx.runtime.Device;
import picocli.CommandLine.Option;

/** The {@code --device} option of every command that runs a model, and the model loader on that device. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "CPU", description = "CPU, CUDA or AUTO for the model runs (default ${DEFAULT-VALUE})")
    Device device;

    Device device() {
        return device;
    }

    /** Model packages opened on this device. */
    ModelLoader models() {
        return Adapters.models(device);
    }
}
