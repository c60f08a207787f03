package dev.lacy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lacy.core.cycle.EvaluationReport;
import java.nio.file.Path;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation as a Spark job against {@code lacy eval} with the shipped LACY-Joint on the same test scenes. */
class EvaluationJobTest {

    static final int SCENES = 5;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path data;
    static JsonNode single;

    @BeforeAll
    static void evaluateInOneProcess() {
        data = shared.resolve("data");
        AugmentationJobTest.lacy("generate", "--demos", "0", "--grounding", "0", "--test", String.valueOf(SCENES), "--seed",
                "5", "--out", data.toString(), "--json");
        single = AugmentationJobTest.lacy("eval", "--model", AugmentationJobTest.MODEL.toString(), "--data", data.toString(),
                "--threads", "1", "--json");
    }

    private EvaluationJob.Result evaluate(String table, TaskProbe probe) {
        return EvaluationJob.run(LocalSpark.session(), new EvaluationJob.Spec(data.toString(), "test",
                AugmentationJobTest.MODEL.toString(), 7, -1, 2, 1, dir.resolve(table).toString()), probe);
    }

    private static void assertSameFigures(EvaluationReport report) {
        assertThat(report.scenes()).isEqualTo(SCENES);
        assertThat(report.l2a().successes()).isEqualTo(single.get("scores").get("l2a").get("right").asInt());
        assertThat(report.a2l().successes()).isEqualTo(single.get("scores").get("a2l").get("right").asInt());
        assertThat(report.l2c().successes()).isEqualTo(single.get("scores").get("l2c").get("right").asInt());
        assertThat(report.l2c().total()).isEqualTo(2 * SCENES);
        assertThat(report.pick().orElseThrow().percent()).isEqualTo(single.get("pick").asDouble());
        assertThat(report.pickAndPlace().orElseThrow().percent()).isEqualTo(single.get("pickAndPlace").asDouble());
        assertThat(report.l2aFailures()).hasSameSizeAs(iterable(single.get("l2aFailures")));
        report.l2aFailures().forEach((reason, count) ->
                assertThat(single.get("l2aFailures").get(reason).asLong()).as(reason).isEqualTo(count.longValue()));
        assertThat(report.a2lFailures()).hasSameSizeAs(iterable(single.get("a2lFailures")));
        report.a2lFailures().forEach((reason, count) ->
                assertThat(single.get("a2lFailures").get(reason).asLong()).as(reason).isEqualTo(count.longValue()));
    }

    private static java.util.List<String> iterable(JsonNode node) {
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void scoresWhatLacyEvalScoresAndWritesATableOfEveryScene() {
        EvaluationJob.Result result = evaluate("scenes.parquet", TaskProbe.NONE);

        assertSameFigures(result.report());
        Dataset<Row> table = LocalSpark.session().read().parquet(result.table());
        assertThat(table.count()).isEqualTo(SCENES);
        assertThat(table.filter("l2a").count()).isEqualTo(result.report().l2a().successes());
        assertThat(table.filter("l2a_miss is not null").count()).isEqualTo(result.report().l2aMisses().size());
        assertThat(table.filter("a2l_miss is not null").count()).isEqualTo(result.report().a2lMisses().size());
        assertThat(table.filter("not a2l").count()).isEqualTo(result.report().a2lMisses().size());
    }

    @Test
    void readsTheModelAndTheDataFromAnotherFileSystem() {
        LocalSpark.session().sparkContext().hadoopConfiguration()
                .set("fs." + OtherFileSystemTestDouble.SCHEME + ".impl", OtherFileSystemTestDouble.class.getName());
        EvaluationJob.Result result = EvaluationJob.run(LocalSpark.session(), new EvaluationJob.Spec(
                OtherFileSystemTestDouble.uri(data), "test", OtherFileSystemTestDouble.uri(AugmentationJobTest.MODEL), 7, -1,
                3, 1, OtherFileSystemTestDouble.uri(dir.resolve("other.parquet"))), TaskProbe.NONE);

        assertSameFigures(result.report());
        assertThat(result.table()).startsWith("lacyfs:");
    }

    @Test
    void retriedScenesCountOnce() {
        EvaluationJob.Result result = evaluate("retried.parquet", new FailingAttempts(Set.of(0, 1), Set.of(2)));

        assertSameFigures(result.report());
        assertThat(LocalSpark.session().read().parquet(result.table()).selectExpr("count(distinct index)").first().getLong(0))
                .isEqualTo(SCENES);
    }
}
