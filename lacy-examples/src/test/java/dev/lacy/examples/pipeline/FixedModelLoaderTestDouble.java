package dev.lacy.examples.pipeline;

import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.function.Supplier;

/** A test double of {@link ModelLoader} that opens the same kind of model, prompted one way, whatever package is named. */
final class FixedModelLoaderTestDouble implements ModelLoader {

    private final Supplier<VisionLanguageModel> models;
    private final PromptFormat format;

    FixedModelLoaderTestDouble(Supplier<VisionLanguageModel> models, PromptFormat format) {
        this.models = models;
        this.format = format;
    }

    @Override
    public VisionLanguageModel load(ModelRef model) {
        return models.get();
    }

    @Override
    public PromptFormat promptFormat(ModelRef model) {
        return format;
    }

    @Override
    public boolean isComplete(ModelRef model) {
        return true;
    }
}
