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
        // everything else about the stage is the default's
        assertThat(defaults.fineTuningFor(4000).withSteps(800)).isEqualTo(defaults.fineTuning());
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
