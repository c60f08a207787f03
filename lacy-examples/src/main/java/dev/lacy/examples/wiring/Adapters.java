package dev.lacy.examples.wiring;

import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.Trainer;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.examples.pipeline.DatasetStores;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxModelLoader;
import dev.lacy.onnx.runtime.OnnxThreads;
import dev.lacy.trainer.DjlTrainer;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Path;

/**
 * The composition root's one place that names the adapters behind the model, training and dataset ports: the
 * command line and the pipelines ask here (or through the Guice modules, which ask here too) and see only the ports.
 * To run a pipeline on other backends, an application passes its own {@link ModelLoader}, {@link Trainer} and
 * {@link DatasetStore} to it instead.
 */
public final class Adapters {

    private Adapters() {
    }

    /** Model packages opened on ONNX Runtime on {@code device}. */
    public static ModelLoader models(Device device) {
        return new OnnxModelLoader(device);
    }

    /** As {@link #models(Device)}, every model call running {@code threads} threads (0: one per core). */
    public static ModelLoader models(Device device, int threads) {
        if (threads > 0) {
            OnnxThreads.use(threads);
        }
        return models(device);
    }

    /**
     * As {@link #models(Device)}, every model call running {@code threads} threads where no model has opened in this
     * process yet (a command's own default: where models already run, as they run; {@link OnnxThreads#prefer}).
     */
    public static ModelLoader modelsPreferring(Device device, int threads) {
        OnnxThreads.prefer(threads);
        return models(device);
    }

    /** lacy-tiny trained with DJL on PyTorch. */
    public static Trainer trainer(TrainerSettings settings) {
        return new DjlTrainer(settings);
    }

    /** The datasets of a directory on the file system (docs/datasets.md). */
    public static DatasetStore store(Path directory) {
        return new FileDatasetStore(directory);
    }

    /** Stores in directories on the file system. */
    public static DatasetStores stores() {
        return FileDatasetStore::new;
    }
}
