package dev.lacy.examples.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.calibration.PlanePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrankaConfigFileTest {

    @TempDir
    Path dir;

    @BeforeEach
    void calibrate() throws IOException {
        Path pairs = Files.writeString(dir.resolve("pairs.json"), """
                {"pairs": [{"image": [0, 0], "table": [0.75, 0.25]}, {"image": [1, 0], "table": [0.75, -0.25]},
                           {"image": [1, 1], "table": [0.25, -0.25]}, {"image": [0, 1], "table": [0.25, 0.25]},
                           {"image": [0.5, 0.5], "table": [0.5, 0.0]}]}""");
        double error = CalibrationFile.calibrate(pairs, dir.resolve("calibration.json"));
        assertThat(error).isLessThan(1e-9);
    }

    @Test
    void theConfigurationReadsItsCalibrationFileAndDefaultsTheRest() throws IOException {
        Path config = Files.writeString(dir.resolve("franka.json"), """
                {"rosbridge": "ws://robot-pc:9090", "calibrationFile": "calibration.json", "velocityScaling": 0.2,
                 "planningGroup": "panda_arm", "camera": {"crop": [280, 0, 720, 720]}}""");

        FrankaSetup setup = FrankaConfigFile.read(config);

        assertThat(setup.arm().rosbridge().toString()).isEqualTo("ws://robot-pc:9090");
        assertThat(setup.arm().planningGroup()).isEqualTo("panda_arm");
        assertThat(setup.arm().envelope().velocityScaling()).isEqualTo(0.2);
        PlanePoint center = setup.arm().imageToBase().apply(new PlanePoint(0.5, 0.5));
        assertThat(center.x()).isCloseTo(0.5, within(1e-9));
        assertThat(setup.arm().envelope().contains(new PlanePoint(0.5, 0))).isTrue();
        assertThat(setup.arm().envelope().contains(new PlanePoint(0.9, 0))).isFalse();
        assertThat(setup.converter().cropX()).isEqualTo(280);
        assertThat(setup.cameraWidth()).isEqualTo(1280);
    }

    @Test
    void unsafeOrIncompleteConfigurationsAreRefusedNamingTheProblem() throws IOException {
        Path fast = Files.writeString(dir.resolve("fast.json"),
                "{\"rosbridge\": \"ws://r:9090\", \"calibrationFile\": \"calibration.json\", \"velocityScaling\": 0.9}");
        Path missing = Files.writeString(dir.resolve("missing.json"), "{\"rosbridge\": \"ws://r:9090\"}");
        Path typo = Files.writeString(dir.resolve("typo.json"),
                "{\"rosbridge\": \"ws://r:9090\", \"calibrationFile\": \"calibration.json\", \"camera\": {\"fsp\": 30}}");
        Path noCalibration = Files.writeString(dir.resolve("nocal.json"),
                "{\"rosbridge\": \"ws://r:9090\", \"calibrationFile\": \"nope.json\"}");

        assertThatThrownBy(() -> FrankaConfigFile.read(fast)).hasMessageContaining("fast.json").hasMessageContaining("(0, 0.5]");
        assertThatThrownBy(() -> FrankaConfigFile.read(missing)).hasMessageContaining("calibrationFile");
        assertThatThrownBy(() -> FrankaConfigFile.read(typo)).hasMessageContaining("camera.fsp: unknown field");
        assertThatThrownBy(() -> FrankaConfigFile.read(noCalibration)).hasMessageContaining("nope.json: no such file");
    }
}
