package dev.lacy.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.examples.cli.LacyCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationJobTest {

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path single;

    /** {@code lacy generate}, the single process the job must equal. */
    @BeforeAll
    static void generateInOneProcess() {
        single = shared.resolve("single");
        var err = new StringWriter();
        int code = LacyCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute("generate",
                "--demos", "5", "--grounding", "3", "--test", "4", "--pool", "3", "--seed", "11", "--out", single.toString());
        assertThat(code).as(err.toString()).isZero();
    }

    private GenerationJob.Result generate(Path out, TaskProbe probe) {
        return GenerationJob.run(LocalSpark.session(), new GenerationJob.Spec(out.toString(), 5, 3, 4, 3, 11, 2), probe);
    }

    @Test
    void writesWhatLacyGenerateWritesByteForByte() throws IOException {
        GenerationJob.Result result = generate(dir.resolve("spark"), TaskProbe.NONE);

        assertThat(result.written()).containsEntry("train", 5L).containsEntry("train-l2c", 80L).containsEntry("grounding", 3L)
                .containsEntry("test", 4L).containsEntry("pool", 3L);
        DatasetDirectories.assertSameDataset(single, dir.resolve("spark"));
    }

    @Test
    void attemptsFailedBeforeOrAfterTheirCommitLeaveNoDuplicatesAndNoGaps() throws IOException {
        generate(dir.resolve("spark"), new FailingAttempts(Set.of(0, 2), Set.of(1)));

        DatasetDirectories.assertSameDataset(single, dir.resolve("spark"));
        assertThat(Files.exists(dir.resolve("spark").resolve("train").resolve(DatasetParts.PARTS))).isFalse();
    }

    @Test
    void refusesToWriteOverADatasetOrOverImagesWithoutOne() throws IOException {
        assertThatThrownBy(() -> generate(single, TaskProbe.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a dataset").hasMessageContaining("train");
        Path images = Files.createDirectories(dir.resolve("other").resolve("train").resolve("images"));
        Files.writeString(images.resolve("holiday.png"), "not ours");
        assertThatThrownBy(() -> generate(dir.resolve("other"), TaskProbe.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds files").hasMessageContaining("no manifest");
        assertThat(images.resolve("holiday.png")).hasContent("not ours");
    }
}
