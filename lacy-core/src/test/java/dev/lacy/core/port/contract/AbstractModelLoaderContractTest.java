package dev.lacy.core.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ModelLoader} does: a model not written yet is not complete (a pipeline trains it), a written one is
 * complete, opens and answers, its prompt format is the one it was made for, and a damaged one is an error, never
 * "not there" (which would make a pipeline train over it).
 */
public abstract class AbstractModelLoaderContractTest {

    @TempDir
    protected Path work;

    protected abstract ModelLoader loader();

    /** Writes a complete model at {@code directory}, made to be prompted with or without a chain of thought. */
    protected abstract void writeModel(Path directory, boolean chainOfThought);

    /** Damages the complete model at {@code directory} as a crash or a bad copy would (a file cut short). */
    protected abstract void damage(Path directory);

    /** An image the models of {@link #writeModel} accept. */
    protected abstract RgbImage image();

    @Test
    void aModelNotWrittenYetIsNotComplete() throws Exception {
        assertThat(loader().isComplete(new ModelRef(work.resolve("absent")))).isFalse();
        Files.createDirectories(work.resolve("empty"));
        assertThat(loader().isComplete(new ModelRef(work.resolve("empty")))).as("a directory before its model").isFalse();
    }

    @Test
    void aWrittenModelIsCompleteOpensAndAnswers() {
        Path directory = work.resolve("model");
        writeModel(directory, true);
        var model = new ModelRef(directory);

        assertThat(loader().isComplete(model)).isTrue();
        try (VisionLanguageModel vlm = loader().load(model)) {
            List<String> answers = vlm.generate(new GenerationRequest(LacyTask.L2A, image(), "<image>\nPick the lemon.\n",
                    Decoding.greedy(), 1, 4, List.of()));
            assertThat(answers).hasSize(1);
        }
    }

    @Test
    void thePromptFormatIsTheOneTheModelWasMadeFor() {
        writeModel(work.resolve("cot"), true);
        writeModel(work.resolve("plain"), false);

        assertThat(loader().promptFormat(new ModelRef(work.resolve("cot"))).chainOfThought()).isTrue();
        assertThat(loader().promptFormat(new ModelRef(work.resolve("plain"))).chainOfThought()).isFalse();
    }

    @Test
    void aDamagedModelIsAnErrorNotAModelToTrainAgain() {
        Path directory = work.resolve("damaged");
        writeModel(directory, true);
        damage(directory);

        assertThatThrownBy(() -> loader().isComplete(new ModelRef(directory))).isInstanceOf(RuntimeException.class)
                .hasMessageContaining(directory.getFileName().toString());
    }
}
