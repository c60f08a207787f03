package dev.lacy.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.Point;
import org.junit.jupiter.api.Test;

class PickPlaceOutcomeTest {

    @Test
    void everyOutcomeDescribesItselfWithWhatItNamesAndWhy() {
        assertThat(new PickPlaceOutcome.Placed("lemon", new Point(0.773, 0.531)).describe())
                .isEqualTo("placed the lemon at (0.773,0.531)");
        assertThat(new PickPlaceOutcome.NothingGrasped(new Point(0.1, 0.1), "no object under the gripper").describe())
                .isEqualTo("grasped nothing: no object under the gripper");
        assertThat(new PickPlaceOutcome.PlaceFailed("mug", new Point(0.5, 0.5), "it would collide with the bowl").describe())
                .isEqualTo("could not place the mug: it would collide with the bowl");
        assertThat(new PickPlaceOutcome.Refused("outside the workspace").describe())
                .isEqualTo("refused: outside the workspace");
    }
}
