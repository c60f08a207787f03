package dev.lacy.core.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TaskScoreTest {

    @Test
    void theWilsonIntervalMatchesTheTextbookValues() {
        // 84 of 100: 75.58-89.90 % (Wilson, z = 1.96); 0 of 10: 0-27.8 %; 10 of 10: 72.2-100 %
        assertThat(new TaskScore(84, 100).wilson95()).containsExactly(new double[] {75.58, 89.90}, within(0.01));
        assertThat(new TaskScore(0, 10).wilson95()).containsExactly(new double[] {0, 27.75}, within(0.01));
        assertThat(new TaskScore(10, 10).wilson95()).containsExactly(new double[] {72.25, 100}, within(0.01));
    }

    @Test
    void aScoreDescribesItselfWithItsTrialsAndInterval() {
        assertThat(new TaskScore(84, 100).describe()).isEqualTo("84.0 % (84/100, 95 % CI 75.6-89.9)");
        assertThat(new TaskScore(0, 0).describe()).isEqualTo("no trials");
    }
}
