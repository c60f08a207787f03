package dev.lacy.examples.cli;

import dev.lacy.trainer.StageSettings;
import dev.lacy.trainer.TrainerSettings;
import picocli.CommandLine.Option;

/** Optimisation options shared by {@code pretrain} and {@code train}; unset ones keep the trainer's defaults. */
final class TrainingOptions {

    @Option(names = "--steps", description = "optimizer steps, the same at any data size (default: the trainer's, see "
            + "docs/trainer.md; a fine-tune's grow from 800 at 1,000 demonstrations to 1,200 at 4,000)")
    Integer steps;

    @Option(names = "--batch", description = "sequences per step")
    Integer batch;

    @Option(names = "--lr", description = "peak learning rate")
    Double learningRate;

    @Option(names = "--action-weight", description = "loss weight of L2A's referents line and answer (fine-tuning default 3)")
    Double actionWeight;

    @Option(names = "--l2c-weight", description = "loss weight of L2C's comparison line and answer, taken from its grounding "
            + "sentence, the same at any data size (fine-tuning default: 3 at up to 1,000 demonstrations, 2 at 4,000 or more, "
            + "linearly between)")
    Double l2cWeight;

    @Option(names = "--comparison-line", paramLabel = "VERSION", description = "fine-tuning: the version of L2C's "
            + "comparison line taught, 1 (a cell against a direction by cells), 2 (by the reference's half of its cell "
            + "as well) or 3 (by where the cell's places near the reference lie), the same at any data size (default: 3 "
            + "from 4,000 demonstrations, 1 below; docs/formats.md)")
    Integer comparisonLine;

    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    StageSettings apply(StageSettings stage) {
        return new StageSettings(steps != null ? steps : stage.steps(), batch != null ? batch : stage.batch(),
                learningRate != null ? learningRate : stage.learningRate(), stage.warmupFraction(), stage.weightDecay(),
                stage.clip(), stage.denseWeight(), stage.checkpointEvery(),
                actionWeight != null ? actionWeight : stage.actionWeight(), l2cWeight != null ? l2cWeight : stage.l2cWeight());
    }

    TrainerSettings pretraining(TrainerSettings settings) {
        return settings.withPretraining(apply(settings.pretraining()));
    }

    TrainerSettings fineTuning(TrainerSettings settings) {
        TrainerSettings applied = settings.withFineTuning(apply(settings.fineTuning()));
        // steps and L2C weight asked for are the ones taken: they do not change with the data
        applied = steps != null ? applied.withFixedFineTuningSteps(steps) : applied;
        applied = comparisonLine != null ? applied.withFixedComparisonLine(comparisonLine) : applied;
        return l2cWeight != null ? applied.withFixedL2cWeight(l2cWeight) : applied;
    }
}
