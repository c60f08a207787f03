package dev.lacy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lacy spark} from the command line: options to jobs, JSON out, one-line errors for bad input. */
class LacySparkCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        LocalSpark.session().stop(); // the command makes its own session on its master, as a fresh process does
        return LacySpark.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void generateWritesTheDatasetsAndPrintsTheirSizesAsJson() throws IOException {
        int code = run("generate", "--demos", "3", "--grounding", "1", "--test", "2", "--seed", "4", "--per-task", "2",
                "--out", dir.resolve("d").toString(), "--master", "local[2]", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("train").asLong()).isEqualTo(3);
        assertThat(json.get("train-l2c").asLong()).isEqualTo(48);
        assertThat(json.get("test").asLong()).isEqualTo(2);
        assertThat(DatasetDirectories.files(dir.resolve("d"))).contains("generation.json", "train/samples.jsonl",
                "train/images/00000002.png", "test/images/00000001.png");
    }

    @Test
    void aMissingDatasetIsAOneLineErrorNamingIt() {
        int code = run("eval", "--model", AugmentationJobTest.MODEL.toString(), "--data", dir.toString(), "--master",
                "local[1]");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("lacy spark eval: there is no dataset 'test' in ").contains("samples.jsonl")
                .hasLineCount(1);
    }
}
