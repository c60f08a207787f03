package dev.lacy.trainer;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import java.util.List;
import java.util.Locale;

/**
 * What makes two training runs the same run, so that one may resume the other's checkpoint: written out field by
 * field, by name, instead of as the {@code toString()} of the settings records (which would change, and refuse every
 * checkpoint, whenever a record gained a field, and would count settings that do not change the result, such as how
 * often checkpoints are written). A field added to the training must be added here on purpose, with the version
 * raised when old checkpoints can no longer be resumed.
 */
final class CheckpointFingerprint {

    /** Raised when the meaning of a checkpoint changes. */
    static final int VERSION = 2;

    private CheckpointFingerprint() {
    }

    /**
     * @param stage        the stage's name (pretraining, an adapter)
     * @param settings     the stage's optimisation settings ({@code checkpointEvery} is not part of the run)
     * @param full         whether every weight trains (else only the adapter's)
     * @param seed         the run's seed
     * @param config       the network's sizes
     * @param parameters   the network's parameter names, in order
     * @param examples     the number of training examples
     * @param examplesHash a hash of the examples' token ids and images
     */
    static String of(String stage, StageSettings settings, boolean full, long seed, TinyLlavaConfig config,
                     List<String> parameters, int examples, long examplesHash) {
        return String.format(Locale.ROOT, "lacy-checkpoint v%d; stage=%s; steps=%d; batch=%d; learningRate=%s; "
                        + "warmupFraction=%s; weightDecay=%s; clip=%s; denseWeight=%s; actionWeight=%s; l2cWeight=%s; full=%b; seed=%d; "
                        + "imageSize=%d; patchSize=%d; hidden=%d; heads=%d; layers=%d; mlp=%d; vocab=%d; maxPositions=%d; "
                        + "visionLayers=%d; ropeBase=%s; textWindow=%d; parameters=%s; examples=%d; examplesHash=%d",
                VERSION, stage, settings.steps(), settings.batch(), settings.learningRate(), settings.warmupFraction(),
                settings.weightDecay(), settings.clip(), settings.denseWeight(), settings.actionWeight(), settings.l2cWeight(), full, seed,
                config.imageSize(), config.patchSize(), config.hidden(), config.heads(), config.layers(), config.mlp(),
                config.vocab(), config.maxPositions(), config.visionLayers(), config.ropeBase(), config.textWindow(),
                String.join(",", parameters), examples, examplesHash);
    }
}
