package dev.lacy.spark;

import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxModelLoader;
import dev.lacy.onnx.runtime.OnnxThreads;

/** A model package opened on ONNX Runtime's CPU by a task, for the length of its partition. */
final class OpenModel implements AutoCloseable {

    private final VisionLanguageModel model;
    private final Lacy lacy;

    /** {@code threads} per model call (the tasks are the parallelism: one per core, one thread each, by default). */
    OpenModel(HadoopFiles files, String location, int threads) {
        OnnxThreads.use(threads);
        var loader = new OnnxModelLoader(Device.CPU);
        var ref = new ModelRef(ModelPackages.local(files, location));
        this.model = loader.load(ref);
        this.lacy = new Lacy(model, loader.promptFormat(ref), Lacy.STANDARD_MAX_NEW_TOKENS);
    }

    Lacy lacy() {
        return lacy;
    }

    @Override
    public void close() {
        model.close();
    }
}
