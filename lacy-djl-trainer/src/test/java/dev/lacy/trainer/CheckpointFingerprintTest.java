package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.onnx.tiny.TinyLlavaConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointFingerprintTest {

    private static final StageSettings STAGE = new StageSettings(800, 32, 2e-3, 0.05, 0.0, 1.0, 0.0, 250, 3.0, 3.0);
    private static final TinyLlavaConfig CONFIG = new TinyLlavaConfig(128, 16, 128, 4, 4, 512, 300, 320, 2, 0, 16);
    private static final List<String> NAMES = List.of("layers.0.q.lora_A", "layers.0.q.lora_B");

    private static String of(StageSettings settings, TinyLlavaConfig config, long seed) {
        return CheckpointFingerprint.of("joint", settings, false, seed, config, NAMES, 1000, 42L);
    }

    @Test
    void everySettingThatChangesTheResultChangesTheFingerprint() {
        String base = of(STAGE, CONFIG, 7);

        assertThat(of(STAGE, CONFIG, 7)).isEqualTo(base);
        assertThat(of(new StageSettings(800, 32, 1e-3, 0.05, 0.0, 1.0, 0.0, 250, 3.0, 3.0), CONFIG, 7)).isNotEqualTo(base);
        assertThat(of(new StageSettings(800, 32, 2e-3, 0.05, 0.0, 1.0, 0.0, 250, 1.0, 3.0), CONFIG, 7)).isNotEqualTo(base);
        assertThat(of(new StageSettings(800, 32, 2e-3, 0.05, 0.0, 1.0, 0.0, 250, 3.0, 1.0), CONFIG, 7)).isNotEqualTo(base);
        assertThat(of(STAGE.withSteps(900), CONFIG, 7)).isNotEqualTo(base);
        assertThat(of(STAGE, new TinyLlavaConfig(128, 16, 128, 4, 4, 512, 300, 320, 2, 0, 8), 7)).isNotEqualTo(base);
        assertThat(of(STAGE, CONFIG, 8)).isNotEqualTo(base);
        assertThat(CheckpointFingerprint.of("joint", STAGE, false, 7, CONFIG, NAMES, 1001, 42L)).isNotEqualTo(base);
        assertThat(CheckpointFingerprint.of("joint", STAGE, false, 7, CONFIG, NAMES, 1000, 43L)).isNotEqualTo(base);
        assertThat(CheckpointFingerprint.of("joint", STAGE, true, 7, CONFIG, NAMES, 1000, 42L)).isNotEqualTo(base);
    }

    @Test
    void howOftenCheckpointsAreWrittenIsNotPartOfTheRun() {
        assertThat(of(new StageSettings(800, 32, 2e-3, 0.05, 0.0, 1.0, 0.0, 100, 3.0, 3.0), CONFIG, 7)).isEqualTo(of(STAGE, CONFIG, 7));
    }

    @Test
    void itNamesItsFieldsAndItsVersion() {
        assertThat(of(STAGE, CONFIG, 7)).startsWith("lacy-checkpoint v" + CheckpointFingerprint.VERSION + ";")
                .contains("learningRate=0.002").contains("textWindow=16").contains("seed=7");
    }
}
