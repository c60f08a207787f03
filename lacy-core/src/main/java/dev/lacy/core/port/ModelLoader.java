package dev.lacy.core.port;

/** Opens a model package as a {@link VisionLanguageModel}; the caller closes it. */
@FunctionalInterface
public interface ModelLoader {

    VisionLanguageModel load(ModelRef model);
}
