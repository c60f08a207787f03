package dev.lacy.onnx.runtime;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.onnx.model.ModelPackage;
import java.nio.file.Files;

/**
 * The {@link ModelLoader} of model packages (docs/model-package.md): opens them on ONNX Runtime on one device,
 * reads the prompt format from the manifest, and calls a package complete once its manifest is written and it
 * validates (the manifest is the last file a writer puts in place).
 */
public final class OnnxModelLoader implements ModelLoader {

    private final Device device;

    public OnnxModelLoader(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("a model loader needs a device (CPU, CUDA or AUTO)");
        }
        this.device = device;
    }

    public Device device() {
        return device;
    }

    @Override
    public VisionLanguageModel load(ModelRef model) {
        return OnnxVisionLanguageModel.open(model.location(), device);
    }

    @Override
    public PromptFormat promptFormat(ModelRef model) {
        var manifest = ModelPackage.readManifest(model.location());
        if (!manifest.chainOfThought()) {
            return LacyPromptFormat.withoutChainOfThought();
        }
        LacyPromptFormat format = manifest.groundFirst() ? LacyPromptFormat.groundingFirst() : LacyPromptFormat.withChainOfThought();
        return format.withPickPhrases(manifest.pickPhrases()).withComparisonLine(manifest.comparisonLine());
    }

    @Override
    public boolean isComplete(ModelRef model) {
        if (!Files.exists(model.location().resolve(dev.lacy.onnx.model.ModelManifest.FILE))) {
            return false;
        }
        ModelPackage.open(model.location());
        return true;
    }
}
