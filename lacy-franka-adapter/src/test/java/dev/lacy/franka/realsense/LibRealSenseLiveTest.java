package dev.lacy.franka.realsense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A real D415 through librealsense2. Opt-in: {@code LACY_TEST_REALSENSE=1} with the camera on USB
 * and the natives on the class path ({@code ./mvnw -Prealsense verify}); the native context crashes
 * on machines with no USB bus, so it is never touched otherwise.
 */
@EnabledIfEnvironmentVariable(named = "LACY_TEST_REALSENSE", matches = "1")
class LibRealSenseLiveTest {

    @Test
    void theD415DeliversColourFramesThatBecomeObservations() {
        try (var camera = new RealSenseCamera(new LibRealSenseFrameSource(1280, 720, 30, 5000),
                new FrameConverter(280, 0, 720, 720, 224))) {
            Observation observation = camera.capture();

            assertThat(observation.image().width()).isEqualTo(224);
            assertThat(observation.groundTruth()).isEmpty();
        }
    }
}
