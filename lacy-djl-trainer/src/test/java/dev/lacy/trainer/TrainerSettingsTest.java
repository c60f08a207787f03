package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainerSettingsTest {

    @Test
    void theFineTunesStepsGrowFromOneToFourThousandDemonstrations() {
        TrainerSettings defaults = TrainerSettings.DEFAULTS;

        assertThat(defaults.fineTuningFor(100).steps()).isEqualTo(800);
        assertThat(defaults.fineTuningFor(1000).steps()).isEqualTo(800);
        assertThat(defaults.fineTuningFor(1067).steps()).isEqualTo(809);
        assertThat(defaults.fineTuningFor(2500).steps()).isEqualTo(1000);
        assertThat(defaults.fineTuningFor(4000).steps()).isEqualTo(1200);
        assertThat(defaults.fineTuningFor(8000).steps()).isEqualTo(1200);
        // everything else about the stage but L2C's weight is the default's
        assertThat(defaults.fineTuningFor(4000).withSteps(800).withL2cWeight(3.0)).isEqualTo(defaults.fineTuning());
    }

    @Test
    void theL2cWeightFallsFromThreeToTwoBetweenOneAndFourThousandDemonstrations() {
        TrainerSettings defaults = TrainerSettings.DEFAULTS;

        assertThat(defaults.fineTuningFor(100).l2cWeight()).isEqualTo(3.0);
        assertThat(defaults.fineTuningFor(1000).l2cWeight()).isEqualTo(3.0);
        assertThat(defaults.fineTuningFor(2500).l2cWeight()).isEqualTo(2.5);
        assertThat(defaults.fineTuningFor(4000).l2cWeight()).isEqualTo(2.0);
        assertThat(defaults.fineTuningFor(8000).l2cWeight()).isEqualTo(2.0);

        TrainerSettings fixed = defaults.withFixedL2cWeight(1.5);
        assertThat(fixed.fineTuningFor(500).l2cWeight()).isEqualTo(1.5);
        assertThat(fixed.fineTuningFor(4000).l2cWeight()).isEqualTo(1.5);
        // the steps still grow
        assertThat(fixed.fineTuningFor(4000).steps()).isEqualTo(1200);
        assertThatThrownBy(() -> defaults.toBuilder().grownL2cWeight(0).build())
                .hasMessage("grownL2cWeight must be finite and positive, got 0.0");
    }

    @Test
    void theComparisonLineByHalvesIsTaughtFromFourThousandDemonstrationsUnlessAVersionIsFixed() {
        TrainerSettings defaults = TrainerSettings.DEFAULTS;

        assertThat(defaults.comparisonLineFor(1000)).isEqualTo(1);
        assertThat(defaults.comparisonLineFor(3999)).isEqualTo(1);
        assertThat(defaults.comparisonLineFor(4000)).isEqualTo(3);
        assertThat(defaults.comparisonLineFor(64000)).isEqualTo(3);
        assertThat(defaults.withFixedComparisonLine(2).comparisonLineFor(1)).isEqualTo(2);
        assertThat(defaults.withFixedComparisonLine(1).comparisonLineFor(64000)).isEqualTo(1);
        assertThat(defaults.withFixedComparisonLine(2).fineTuningFor(4000)).isEqualTo(defaults.fineTuningFor(4000));
        assertThat(defaults.withFixedComparisonLine(3).comparisonLineFor(1)).isEqualTo(3);
        assertThat(defaults.withFixedComparisonLine(3).comparisonLineFor(64000)).isEqualTo(3);
        assertThatThrownBy(() -> defaults.withFixedComparisonLine(4)).hasMessageContaining("not 4");
        assertThatThrownBy(() -> defaults.toBuilder().grownComparisonLineFrom(-1).build()).hasMessage("grownComparisonLineFrom must be 0 or more, got -1");
        assertThatThrownBy(() -> defaults.toBuilder().grownComparisonLine(1).build())
                .hasMessage("grownComparisonLine must be 2 or 3, got 1");
    }

    @Test
    void fixedStepsAreTheStepsAtAnySize() {
        TrainerSettings fixed = TrainerSettings.DEFAULTS.withFixedFineTuningSteps(600);

        assertThat(fixed.fineTuningFor(500).steps()).isEqualTo(600);
        assertThat(fixed.fineTuningFor(4000).steps()).isEqualTo(600);
        assertThat(fixed.fineTuningGrowth()).isZero();
        assertThatThrownBy(() -> TrainerSettings.DEFAULTS.toBuilder().fineTuningGrowth(-0.5).build())
                .hasMessage("fineTuningGrowth must be finite and 0 or more, got -0.5");
    }
}
