package dev.lacy.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PretrainJobTest {

    private static final List<GroundingSample> SAMPLES = List.of(new GroundingSample(Observation.of(RgbImage.filled(8, 8, 0),
            new Scene(List.of(new SceneObject("lemon", new Point(0.5, 0.5), 0.1))))));

    @Test
    void aJobTeachesThePickPhrasesUnlessToldToLeaveThemOutAndAContinuationKeepsTheChoice() {
        var job = new PretrainJob(SAMPLES, Path.of("base"), 7, TrainingListener.SILENT);
        var base = new ModelRef(Path.of("before"));

        assertThat(job.pickPhrases()).isTrue();
        assertThat(job.withoutPickPhrases().pickPhrases()).isFalse();
        assertThat(job.withoutPickPhrases().withPickPhrases().pickPhrases()).isTrue();
        assertThat(job.withoutPickPhrases().continuing(base).pickPhrases()).isFalse();
        assertThat(job.continuing(base).from()).contains(base);
    }

    @Test
    void aJobRefusesToWriteOverTheBaseItContinues() {
        var job = new PretrainJob(SAMPLES, Path.of("base"), 7, TrainingListener.SILENT);

        assertThatThrownBy(() -> job.continuing(new ModelRef(Path.of("base"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write over the base");
    }
}
