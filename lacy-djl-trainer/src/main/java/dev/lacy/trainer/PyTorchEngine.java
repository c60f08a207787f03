package dev.lacy.trainer;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * DJL's PyTorch engine as the trainer uses it: offline (natives from the Maven Central jar on the
 * class path, never downloaded), PyTorch's threads set before the engine loads, on the CPU unless
 * {@code -Dlacy.trainer.device=gpu} asks for the first GPU (with the {@code -Dcuda} build).
 */
final class PyTorchEngine {

    private PyTorchEngine() {
    }

    static synchronized void configure() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        Engine.getEngine("PyTorch");
    }

    static Device device() {
        String wanted = System.getProperty("lacy.trainer.device", "cpu");
        return switch (wanted) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                    throw new IllegalStateException("-Dlacy.trainer.device=gpu, but PyTorch sees no GPU (build with -Dcuda)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("lacy.trainer.device must be cpu or gpu, not '" + wanted + "'");
        };
    }
}
