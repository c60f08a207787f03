package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lacy bench serve} runs both servers, every client count, and reports the ratios (one second a cell here). */
class BenchServeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LacyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void measuresBatchedAgainstUnbatchedAtEachClientCount() throws Exception {
        assertThat(run("generate", "--demos", "2", "--grounding", "0", "--test", "3", "--image-size", "32", "--out",
                dir.resolve("d").toString())).isZero();
        var config = new TinyLlavaConfig(16, 8, 32, 4, 1, 64, CharacterTokenizer.vocabularySize(), 512);
        Path model = TinyLlavaPackages.write(dir.resolve("m"), "bench", TinyLlavaWeights.random(config, 4),
                new ModelPackageWriter(), true);
        out.getBuffer().setLength(0);

        int code = run("bench", "serve", "--model", model.toString(), "--scenes", dir.resolve("d") + ":test", "--seconds", "1",
                "--clients", "1,3", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("cells")).hasSize(4);
        for (JsonNode cell : result.path("cells")) {
            assertThat(cell.path("answered").asLong()).as(cell.toString()).isPositive();
            assertThat(cell.path("statuses").fieldNames()).toIterable().containsExactly("200");
        }
        assertThat(result.path("batchedOverUnbatched").has("1")).isTrue();
        assertThat(result.path("batchedOverUnbatched").path("3").asDouble()).isPositive();
    }

    @Test
    void withoutScenesItSaysWhatItNeeds() {
        int code = run("bench", "serve", "--model", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--scenes");
    }
}
