package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Camera;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.Scene;
import org.junit.jupiter.api.Test;

/** What every {@link Camera} does, simulated or real. */
public abstract class AbstractCameraContractTest {

    /** A fresh camera over a table laid out as {@code scene}. */
    protected abstract Camera cameraOver(Scene scene);

    @Test
    void capturesAnImageOfAStableSize() {
        try (Camera camera = cameraOver(ContractScenes.TWO_OBJECTS)) {
            Observation first = camera.capture();
            Observation second = camera.capture();

            assertThat(first.image().width()).isPositive();
            assertThat(first.image().height()).isPositive();
            assertThat(second.image().width()).isEqualTo(first.image().width());
            assertThat(second.image().height()).isEqualTo(first.image().height());
        }
    }

    @Test
    void groundTruthWhenKnownIsTheSceneOnTheTable() {
        try (Camera camera = cameraOver(ContractScenes.TWO_OBJECTS)) {
            camera.capture().groundTruth().ifPresent(scene ->
                    assertThat(scene.names()).containsExactlyInAnyOrderElementsOf(ContractScenes.TWO_OBJECTS.names()));
        }
    }

    @Test
    void theImageShowsTheTableSoItDependsOnWhatIsOnIt() {
        try (Camera camera = cameraOver(ContractScenes.TWO_OBJECTS);
             Camera empty = cameraOver(new Scene(java.util.List.of()))) {
            assertThat(camera.capture().image()).isNotEqualTo(empty.capture().image());
        }
    }

    @Test
    void aClosedCameraRefusesToCapture() {
        Camera camera = cameraOver(ContractScenes.TWO_OBJECTS);
        camera.close();

        assertThatThrownBy(camera::capture).isInstanceOf(IllegalStateException.class);
    }
}
