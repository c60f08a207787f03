package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxThreadsTest {

    @TempDir
    Path dir;

    @Test
    void aThreadCountOutOfRangeIsRefused() {
        assertThatThrownBy(() -> OnnxThreads.use(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 256, got 0");
        assertThatThrownBy(() -> OnnxThreads.use(100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onceModelsRunAnotherThreadCountIsAnErrorNotASilentNoOp() {
        var tiny = new TinyModelPackage(dir.resolve("tiny"), 3);
        try (var model = OnnxVisionLanguageModel.open(tiny.directory, Device.CPU)) {
            int cores = Runtime.getRuntime().availableProcessors();
            assertThatCode(() -> OnnxThreads.use(cores)).doesNotThrowAnyException();
            assertThatThrownBy(() -> OnnxThreads.use(cores + 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs with " + cores + " threads");
            // a command's own default, not the user's choice: the running pool stays as it is, and says so
            assertThat(OnnxThreads.prefer(cores + 1)).isEqualTo(cores);
            assertThatThrownBy(() -> OnnxThreads.prefer(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
