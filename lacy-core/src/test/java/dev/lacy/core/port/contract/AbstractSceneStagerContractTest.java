package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.SceneStager;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SceneStager} does (the simulators; a real robot has none): the staged scene is what its camera
 * sees, staging again replaces everything on the table, and a closed table refuses to stage.
 */
public abstract class AbstractSceneStagerContractTest {

    /** A fresh table: a stager and the camera over the same table (closing the camera closes the table). */
    protected abstract Table freshTable();

    /** A stager and the camera that watches what it stages (often one object). */
    public record Table(SceneStager stager, Camera camera) implements AutoCloseable {
        void stage(Scene scene) {
            stager.stage(scene);
        }

        dev.lacy.core.scene.Observation capture() {
            return camera.capture();
        }

        @Override
        public void close() {
            camera.close();
        }
    }

    private static final Scene ONE_OBJECT = new Scene(List.of(new SceneObject("lemon", new Point(0.6, 0.4), 0.05)));

    @Test
    void theStagedSceneIsWhatTheCameraSees() {
        try (var table = freshTable()) {
            table.stage(ContractScenes.TWO_OBJECTS);
            Scene seen = table.capture().groundTruth().orElseThrow(() -> new AssertionError("a simulator knows its scene"));

            assertThat(seen.names()).containsExactlyInAnyOrderElementsOf(ContractScenes.TWO_OBJECTS.names());
            for (SceneObject object : ContractScenes.TWO_OBJECTS.objects()) {
                Point at = seen.find(object.name()).orElseThrow().center();
                assertThat(at.distanceTo(object.center())).as(object.name() + " where it was staged").isLessThan(0.02);
            }
        }
    }

    @Test
    void stagingAgainReplacesEverythingOnTheTable() {
        try (var table = freshTable()) {
            table.stage(ContractScenes.TWO_OBJECTS);
            var before = table.capture().image();
            table.stage(ONE_OBJECT);

            assertThat(table.capture().groundTruth().orElseThrow().names()).containsExactly("lemon");
            assertThat(table.capture().image()).isNotEqualTo(before);
        }
    }

    @Test
    void aClosedTableRefusesToStage() {
        var table = freshTable();
        table.close();

        assertThatThrownBy(() -> table.stage(ONE_OBJECT)).isInstanceOf(IllegalStateException.class);
    }
}
