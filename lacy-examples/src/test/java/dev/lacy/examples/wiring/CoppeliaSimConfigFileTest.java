package dev.lacy.examples.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.dataset.MalformedFileException;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoppeliaSimConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void fieldsOverrideTheDefaultsAndFourPairsGiveAHomography() throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), """
                {"ikTarget": "/UR5/target", "gripperSignal": "grip", "timeoutSeconds": 2.5, "stepsPerMove": 7,
                 "calibration": [{"image": [0, 0], "table": [1, 1]}, {"image": [1, 0], "table": [1, -1]},
                                 {"image": [1, 1], "table": [0, -1]}, {"image": [0, 1], "table": [0, 1]}]}""");

        CoppeliaSimConfig config = CoppeliaSimConfigFile.read(file, "tcp://h:1");

        assertThat(config.ikTarget()).isEqualTo("/UR5/target");
        assertThat(config.gripperSignal()).isEqualTo("grip");
        assertThat(config.timeout().toMillis()).isEqualTo(2500);
        assertThat(config.stepsPerMove()).isEqualTo(7);
        assertThat(config.visionSensor()).isEqualTo(CoppeliaSimConfig.defaults("tcp://h:1").visionSensor());
        PlanePoint center = config.imageToTable().apply(new PlanePoint(0.5, 0.5));
        assertThat(center.x()).isCloseTo(0.5, within(1e-9));
        assertThat(center.y()).isCloseTo(0, within(1e-9));
    }

    @Test
    void mistakesNameTheFileAndTheField() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"ikTraget\": \"/x\"}");
        Path badPoint = Files.writeString(dir.resolve("point.json"), "{\"calibration\": [{\"image\": [0], \"table\": [1, 1]}]}");
        Path badHeights = Files.writeString(dir.resolve("heights.json"), "{\"graspHeight\": 0.5}");
        Path badPath = Files.writeString(dir.resolve("path.json"), "{\"visionSensor\": \"visionSensor\"}");

        assertThatThrownBy(() -> CoppeliaSimConfigFile.read(typo, "tcp://h:1")).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("typo.json: ikTraget: unknown field");
        assertThatThrownBy(() -> CoppeliaSimConfigFile.read(badPoint, "tcp://h:1")).hasMessageContaining("calibration[0].image: expected [x, y]");
        assertThatThrownBy(() -> CoppeliaSimConfigFile.read(badHeights, "tcp://h:1")).hasMessageContaining("heights must satisfy");
        assertThatThrownBy(() -> CoppeliaSimConfigFile.read(badPath, "tcp://h:1")).hasMessageContaining("must start with '/'");
    }
}
