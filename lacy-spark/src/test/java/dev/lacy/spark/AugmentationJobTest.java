package dev.lacy.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.port.Decoding;
import dev.lacy.examples.cli.LacyCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Algorithm 1 as a Spark job against {@code lacy augment} over the same pool with the shipped LACY-Joint (a real
 * lacy-tiny on ONNX Runtime), with settings that accept often enough for two dozen examples to give triplets
 * (tau 0.9 as by default: the shipped model is unsure of a few; a vote of 0.2; every passing action kept; N = 4).
 */
class AugmentationJobTest {

    static final Path MODEL = Path.of("..", "models", "lacy-tiny-joint");
    static final int EXAMPLES = 24;
    static final AugmentationSettings SETTINGS =
            new AugmentationSettings(4, 0.9, 0.2, Decoding.sampled(0.5, 0.8, 0), true, 0, true);
    static final String[] SETTINGS_OPTIONS = {"--samples", "4", "--tau", "0.9", "--vote", "0.2", "--per-example", "0",
        "--temperature", "0.5", "--top-p", "0.8", "--seed", "0"};

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path data;

    @BeforeAll
    static void pool() {
        data = shared.resolve("data");
        lacy("generate", "--demos", "0", "--grounding", "0", "--test", "0", "--pool", String.valueOf(EXAMPLES), "--seed", "6",
                "--out", data.toString(), "--json");
    }

    /** A {@code lacy} command in this process (one ONNX thread per call, as the jobs' tasks run); its JSON output. */
    static JsonNode lacy(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = LacyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(code).as(err.toString()).isZero();
        try {
            return out.toString().isBlank() ? null : new ObjectMapper().readTree(out.toString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    private static JsonNode augmentInOneProcess(String output, int budget) {
        var args = new java.util.ArrayList<>(List.of("augment", "--model", MODEL.toString(), "--data", data.toString(),
                "--dataset", "pool", "--out-dataset", output, "--budget", String.valueOf(budget), "--workers", "1",
                "--threads", "1", "--json"));
        args.addAll(List.of(SETTINGS_OPTIONS));
        return lacy(args.toArray(String[]::new));
    }

    private AugmentationJob.Result augmentWithSpark(String output, int budget, TaskProbe probe) {
        return AugmentationJob.run(LocalSpark.session(), new AugmentationJob.Spec(data.toString(), "pool", output,
                MODEL.toString(), AugmentationJob.Settings.of(SETTINGS), budget, -1, 5, 1,
                dir.resolve(output + ".parquet").toString()), probe);
    }

    private static void assertSameCounts(AugmentationJob.Result spark, JsonNode single) {
        assertThat(spark.examples()).isEqualTo(single.get("examples").asInt());
        assertThat(spark.sampled()).isEqualTo(single.get("sampled").asInt());
        assertThat(spark.added()).isEqualTo(single.get("added").asLong());
        assertThat(spark.candidates()).isEqualTo(single.get("candidates").asInt());
        assertThat(spark.malformedCandidates()).isEqualTo(single.get("malformedCandidates").asInt());
        assertThat(spark.malformedDescriptions()).isEqualTo(single.get("malformedDescriptions").asInt());
        JsonNode filter = single.get("filter");
        assertThat(spark.audit().judged()).isEqualTo(filter.get("judgedExamples").asInt());
        assertThat(spark.audit().acceptedRight()).isEqualTo(filter.get("precision").get("right").asInt());
        assertThat(spark.audit().acceptedJudged()).isEqualTo(filter.get("precision").get("of").asInt());
        assertThat(spark.audit().rejectedRight()).isEqualTo(filter.get("rejectedRight").get("right").asInt());
        assertThat(spark.audit().greedyRight()).isEqualTo(filter.get("greedy").get("right").asInt());
    }

    @Test
    void acceptsWhatLacyAugmentAcceptsWithTheSameCountsAndATableOfEveryExampleThroughFailedAttempts() throws IOException {
        JsonNode single = augmentInOneProcess("augmented", 0);
        // first attempts fail, two after their first example (nothing committed), one after its commit
        AugmentationJob.Result spark = augmentWithSpark("augmented-spark", 0, new FailingAttempts(Set.of(0, 2), Set.of(1)));

        assertThat(single.get("added").asInt()).as("the settings make this pool give triplets").isGreaterThanOrEqualTo(2);
        assertSameCounts(spark, single);
        DatasetDirectories.assertSameDataset(data.resolve("augmented"), data.resolve("augmented-spark"));
        Dataset<Row> table = LocalSpark.session().read().parquet(spark.table());
        assertThat(table.count()).isEqualTo(EXAMPLES);
        assertThat(table.selectExpr("sum(accepted)").first().getLong(0)).isEqualTo(spark.added());
        assertThat(table.selectExpr("count(distinct index)").first().getLong(0)).isEqualTo(EXAMPLES);
        assertThat(table.filter("sampled").count()).isEqualTo(spark.sampled());
        assertThat(table.selectExpr("sum(accepted_right)").first().getLong(0)).isEqualTo(spark.audit().acceptedRight());
        assertThat(Files.exists(data.resolve("augmented-spark").resolve(DatasetParts.PARTS))).isFalse();
    }

    @Test
    void stopsWhereLacyAugmentStopsWithABudget() throws IOException {
        JsonNode single = augmentInOneProcess("budget", 2);
        AugmentationJob.Result spark = augmentWithSpark("budget-spark", 2, TaskProbe.NONE);

        assertThat(single.get("examples").asInt()).as("the budget stops the run early").isLessThan(EXAMPLES);
        assertSameCounts(spark, single);
        assertThat(spark.computed()).isEqualTo(EXAMPLES);
        DatasetDirectories.assertSameDataset(data.resolve("budget"), data.resolve("budget-spark"));
        assertThat(LocalSpark.session().read().parquet(spark.table()).count()).isEqualTo(spark.examples());
    }

    @Test
    void refusesToWriteIntoItsInputOrOverAnotherDataset() throws IOException {
        assertThatThrownBy(() -> augmentWithSpark("pool", 0, TaskProbe.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("own input");
        Files.createDirectories(data.resolve("taken"));
        Files.copy(data.resolve("pool").resolve("samples.jsonl"), data.resolve("taken").resolve("samples.jsonl"));
        assertThatThrownBy(() -> augmentWithSpark("taken", 0, TaskProbe.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a dataset");
    }
}
