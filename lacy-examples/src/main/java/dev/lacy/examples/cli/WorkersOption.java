package dev.lacy.examples.cli;

import dev.lacy.core.port.ModelLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --workers} option of every command that runs Algorithm 1 or evaluates: how many batches of examples (or
 * of test scenes) it computes at once. The result does not depend on it (each example is seeded by its index, batches
 * are fixed by index, and results are kept in order). By default one per core, each model call then on one thread
 * unless {@code --threads} says otherwise: measured fastest for lacy-tiny (docs/demo.md).
 */
final class WorkersOption {

    @Option(names = "--workers", defaultValue = "0", paramLabel = "W", description = "batches of examples (Algorithm 1) or of test "
            + "scenes (evaluation) computed at once; the result does not depend on it (default: one per core, each model call then on one thread unless --threads "
            + "says otherwise: measured fastest for lacy-tiny)")
    int workers;

    /** The workers to run. */
    int count() {
        return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }

    /** {@code device}'s model loader, on one thread per call where the workers are chosen by default. */
    ModelLoader models(DeviceOption device) {
        return device.models(workers == 0 ? 1 : 0);
    }
}
