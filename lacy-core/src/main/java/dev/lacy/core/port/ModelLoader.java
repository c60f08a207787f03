package dev.lacy.core.port;

import dev.lacy.core.format.PromptFormat;

/**
 * Opens model packages as {@link VisionLanguageModel}s, and says what a caller needs before it opens one: how the
 * model wants to be prompted and whether a finished model is there (a rerun of a pipeline reuses it).
 */
public interface ModelLoader {

    /** Opens the model at {@code model}; the caller closes it. */
    VisionLanguageModel load(ModelRef model);

    /** How the model at {@code model} was trained to be prompted (with its chain of thought or without). */
    PromptFormat promptFormat(ModelRef model);

    /**
     * Whether a finished model is at {@code model}: false where nothing has been written yet; a model that is
     * there but damaged is an error naming what is wrong, never "not there" (which would train over it).
     */
    boolean isComplete(ModelRef model);
}
