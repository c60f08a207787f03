package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.trainer.TrainerSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TrainingOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        TrainingOptions training;
    }

    private static TrainingOptions parse(String... args) {
        var probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.training;
    }

    @Test
    void withoutStepsTheFineTunesStepsGrowWithTheData() {
        TrainerSettings settings = parse("--lr", "3e-3").fineTuning(TrainerSettings.DEFAULTS);

        assertThat(settings.fineTuningFor(1000).steps()).isEqualTo(800);
        assertThat(settings.fineTuningFor(4000).steps()).isEqualTo(1200);
        assertThat(settings.fineTuningFor(4000).learningRate()).isEqualTo(3e-3);
        assertThat(settings.fineTuningFor(1000).l2cWeight()).isEqualTo(3.0);
        assertThat(settings.fineTuningFor(4000).l2cWeight()).isEqualTo(2.0);
    }

    @Test
    void anL2cWeightAskedForIsTheWeightAtAnySize() {
        TrainerSettings settings = parse("--l2c-weight", "2.5").fineTuning(TrainerSettings.DEFAULTS);

        assertThat(settings.fineTuningFor(1000).l2cWeight()).isEqualTo(2.5);
        assertThat(settings.fineTuningFor(4000).l2cWeight()).isEqualTo(2.5);
        assertThat(settings.fineTuningFor(4000).steps()).isEqualTo(1200);
    }

    @Test
    void aComparisonLineAskedForIsTaughtAtAnySizeAndOtherwiseItFollowsTheData() {
        assertThat(parse().fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(1000)).isEqualTo(1);
        assertThat(parse().fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(4000)).isEqualTo(3);
        assertThat(parse("--comparison-line", "2").fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(1000)).isEqualTo(2);
        assertThat(parse("--comparison-line", "1").fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(4000)).isEqualTo(1);
        assertThat(parse("--comparison-line", "3").fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(1000)).isEqualTo(3);
        assertThat(parse("--comparison-line", "3").fineTuning(TrainerSettings.DEFAULTS).comparisonLineFor(4000)).isEqualTo(3);
    }

    @Test
    void stepsAskedForAreTheStepsTakenAtAnySize() {
        TrainerSettings settings = parse("--steps", "800").fineTuning(TrainerSettings.DEFAULTS);

        assertThat(settings.fineTuningFor(4000).steps()).isEqualTo(800);
        assertThat(parse("--steps", "900").pretraining(TrainerSettings.DEFAULTS).pretraining().steps()).isEqualTo(900);
    }
}
