package dev.lacy.spark;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.LabelledConfidence;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Sample;
import dev.lacy.core.format.GroundingMatch;
import dev.lacy.sim.tabletop.TabletopEvaluation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code lacy spark eval}: {@code lacy eval} as a Spark job, with its figures. The driver draws every scene's L2C pair
 * from the scenes alone, as the single process does scene after scene ({@link Evaluator#l2cPairs}); the scenes are then
 * cut into contiguous slices, one task each, which opens the model once and scores its scenes (up to
 * {@link Evaluator#BATCH} consecutive ones in one call per task, as {@code lacy eval} does); the driver puts the
 * scenes' results back in order into the report (rates with their Wilson intervals) and writes them as a Parquet table.
 */
public final class EvaluationJob {

    /** The job: scenes of {@code dataset} under {@code data} (the first {@code limit}; all when negative). */
    public record Spec(String data, String dataset, String model, long seed, long limit, int perTask, int threads,
                       String table) implements Serializable {

        public Spec {
            if (perTask < 1 || threads < 1) {
                throw new IllegalArgumentException("--per-task " + perTask + " and --threads " + threads + " must be >= 1");
            }
        }
    }

    /** One scene to score, with its L2C pair. */
    record SceneTask(ManifestLine line, String consistent, String inconsistent) implements Serializable {
    }

    /**
     * What one scene scored (a row of the table): the L2C pair's second instructions and, for a case answered wrongly,
     * the model's reasoning (null for one answered rightly).
     */
    record SceneRow(int index, String instruction, boolean l2a, boolean pick, boolean pickAndPlace, String missReason,
                    String missDetail, String completion, boolean a2l, String a2lMissReason, String a2lMissDetail,
                    String a2lCompletion, String consistent, double consistentConfidence,
                    String consistentMissReasoning, String inconsistent, double inconsistentConfidence,
                    String inconsistentMissReasoning, GroundingMatch l2aGrounding) implements Serializable {

        static SceneRow of(Evaluator.SceneResult r, String instruction, String consistent, String inconsistent) {
            return new SceneRow(r.index(), instruction, r.l2a(), r.pick(), r.pickAndPlace(),
                    r.miss().map(EvaluationReport.L2aMiss::reason).orElse(null),
                    r.miss().map(EvaluationReport.L2aMiss::detail).orElse(null),
                    r.miss().map(EvaluationReport.L2aMiss::completion).orElse(null), r.a2l(),
                    r.a2lMiss().map(EvaluationReport.A2lMiss::reason).orElse(null),
                    r.a2lMiss().map(EvaluationReport.A2lMiss::detail).orElse(null),
                    r.a2lMiss().map(EvaluationReport.A2lMiss::completion).orElse(null),
                    consistent, r.consistent().confidence(), missReasoning(r, true),
                    inconsistent, r.inconsistent().confidence(), missReasoning(r, false), r.l2aGrounding().orElse(null));
        }

        private static String missReasoning(Evaluator.SceneResult r, boolean consistent) {
            return r.l2cMisses().stream().filter(m -> m.consistent() == consistent).findFirst()
                    .map(EvaluationReport.L2cMiss::reasoning).orElse(null);
        }

        Evaluator.SceneResult result() {
            Optional<EvaluationReport.L2aMiss> miss = missReason == null ? Optional.empty()
                    : Optional.of(new EvaluationReport.L2aMiss(index, instruction, missReason, missDetail, completion));
            Optional<EvaluationReport.A2lMiss> a2lMiss = a2lMissReason == null ? Optional.empty()
                    : Optional.of(new EvaluationReport.A2lMiss(index, instruction, a2lMissReason, a2lMissDetail, a2lCompletion));
            var l2cMisses = new java.util.ArrayList<EvaluationReport.L2cMiss>(2);
            if (consistentMissReasoning != null) {
                l2cMisses.add(new EvaluationReport.L2cMiss(index, instruction, consistent, true, consistentConfidence,
                        consistentMissReasoning));
            }
            if (inconsistentMissReasoning != null) {
                l2cMisses.add(new EvaluationReport.L2cMiss(index, instruction, inconsistent, false, inconsistentConfidence,
                        inconsistentMissReasoning));
            }
            return new Evaluator.SceneResult(index, l2a, pick, pickAndPlace, miss, a2lMiss,
                    new LabelledConfidence(true, consistentConfidence), new LabelledConfidence(false, inconsistentConfidence),
                    l2cMisses, Optional.ofNullable(l2aGrounding));
        }
    }

    public record Result(EvaluationReport report, String table, double seconds) {
    }

    private EvaluationJob() {
    }

    public static Result run(SparkSession spark, Spec spec, TaskProbe probe) {
        long started = System.nanoTime();
        ModelJobStart start = ModelJobStart.of(spark, spec.data(), spec.dataset(), spec.model(), spec.table(), spec.limit(),
                spec.perTask());
        HadoopConf conf = start.conf();
        String data = start.data();
        String model = start.model();
        String table = start.table();
        List<ManifestLine> lines = start.lines();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + spec.dataset() + "' in " + data + " holds no scene to evaluate");
        }
        var tests = new ArrayList<Demonstration>(lines.size());
        for (ManifestLine line : lines) {
            Sample sample = line.withoutImage();
            if (!(sample instanceof Demonstration demonstration)) {
                throw new IllegalArgumentException("dataset '" + spec.dataset() + "' sample " + line.index() + " is a "
                        + sample.getClass().getSimpleName() + ": an evaluation needs demonstrations with their scenes");
            }
            tests.add(demonstration);
        }
        Evaluator evaluator = TabletopEvaluation.evaluator(spec.seed());
        List<Evaluator.L2cPair> pairs = evaluator.l2cPairs(tests);
        var tasks = new ArrayList<SceneTask>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            tasks.add(new SceneTask(lines.get(i), pairs.get(i).consistent(), pairs.get(i).inconsistent()));
        }
        List<SceneRow> rows = new ArrayList<>(start.sc().parallelize(tasks, start.partitions())
                .mapPartitionsWithIndex((p, scenes) -> {
                    TaskContext task = TaskContext.get();
                    return LargeStack.call("lacy-spark-eval-" + p,
                            () -> evaluate(conf, model, spec, p, task, scenes, probe)).iterator();
                }, true)
                .collect());
        rows.sort(Comparator.comparingInt(SceneRow::index));
        EvaluationReport report = evaluator.report(rows.stream().map(SceneRow::result).toList());
        spark.createDataFrame(rows.stream().map(EvaluationJob::row).toList(), SCHEMA).write().parquet(table);
        return new Result(report, table, (System.nanoTime() - started) / 1e9);
    }

    private static List<SceneRow> evaluate(HadoopConf conf, String model, Spec spec, int partition, TaskContext task,
                                           Iterator<SceneTask> scenes, TaskProbe probe) {
        HadoopFiles files = conf.files();
        var rows = new ArrayList<SceneRow>();
        if (!scenes.hasNext()) {
            return rows;
        }
        Evaluator evaluator = TabletopEvaluation.evaluator(spec.seed());
        try (var open = new OpenModel(files, model, spec.threads())) {
            // consecutive scenes in batches, their model calls computed together (as `lacy eval` computes them)
            var batch = new ArrayList<SceneTask>(Evaluator.BATCH);
            while (scenes.hasNext() || !batch.isEmpty()) {
                SceneTask next = scenes.hasNext() ? scenes.next() : null;
                boolean follows = next != null && (batch.isEmpty()
                        || next.line().index() == batch.get(batch.size() - 1).line().index() + 1);
                if (follows && batch.size() < Evaluator.BATCH) {
                    batch.add(next);
                    continue;
                }
                evaluateBatch(files, evaluator, open, batch, rows, partition, task, probe);
                batch.clear();
                if (next != null) {
                    batch.add(next);
                }
            }
        }
        probe.committed(partition, task.attemptNumber());
        return rows;
    }

    /** Scenes of consecutive indices, evaluated together ({@link Evaluator#evaluateScenes}), their rows added in order. */
    private static void evaluateBatch(HadoopFiles files, Evaluator evaluator, OpenModel open, List<SceneTask> batch,
                                      List<SceneRow> rows, int partition, TaskContext task, TaskProbe probe) {
        var tests = new ArrayList<Demonstration>(batch.size());
        var pairs = new ArrayList<Evaluator.L2cPair>(batch.size());
        for (SceneTask scene : batch) {
            if (!(scene.line().sample(files) instanceof Demonstration test)) {
                throw new IllegalStateException("sample " + scene.line().index() + " is no longer a demonstration");
            }
            tests.add(test);
            pairs.add(new Evaluator.L2cPair(scene.consistent(), scene.inconsistent()));
        }
        int first = (int) batch.get(0).line().index();
        List<Evaluator.SceneResult> results = evaluator.evaluateScenes(open.lacy(), tests, first, pairs);
        for (int i = 0; i < batch.size(); i++) {
            SceneTask scene = batch.get(i);
            rows.add(SceneRow.of(results.get(i), tests.get(i).instruction(), scene.consistent(), scene.inconsistent()));
            probe.computed(partition, task.attemptNumber(), first + i);
        }
    }

    /**
     * The Parquet table's columns: one row per scene; the L2A (A2L) miss columns are null where L2A (A2L) succeeded, an
     * L2C case's reasoning where it was answered rightly.
     */
    static final StructType SCHEMA = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("instruction", DataTypes.StringType, false)
            .add("l2a", DataTypes.BooleanType, false)
            .add("pick", DataTypes.BooleanType, false)
            .add("pick_and_place", DataTypes.BooleanType, false)
            .add("l2a_miss", DataTypes.StringType, true)
            .add("l2a_miss_detail", DataTypes.StringType, true)
            .add("l2a_completion", DataTypes.StringType, true)
            .add("a2l", DataTypes.BooleanType, false)
            .add("a2l_miss", DataTypes.StringType, true)
            .add("a2l_miss_detail", DataTypes.StringType, true)
            .add("a2l_completion", DataTypes.StringType, true)
            .add("l2c_consistent", DataTypes.StringType, false)
            .add("l2c_consistent_confidence", DataTypes.DoubleType, false)
            .add("l2c_consistent_miss_reasoning", DataTypes.StringType, true)
            .add("l2c_inconsistent", DataTypes.StringType, false)
            .add("l2c_inconsistent_confidence", DataTypes.DoubleType, false)
            .add("l2c_inconsistent_miss_reasoning", DataTypes.StringType, true)
            // the L2A chain of thought's grounding sentence against the scene (null without chain of thought)
            .add("l2a_grounding_exact", DataTypes.BooleanType, true)
            .add("l2a_grounding_objects_within", DataTypes.IntegerType, true)
            .add("l2a_grounding_objects", DataTypes.IntegerType, true);

    private static Row row(SceneRow r) {
        return RowFactory.create(r.index(), r.instruction(), r.l2a(), r.pick(), r.pickAndPlace(), r.missReason(),
                r.missDetail(), r.completion(), r.a2l(), r.a2lMissReason(), r.a2lMissDetail(), r.a2lCompletion(),
                r.consistent(), r.consistentConfidence(), r.consistentMissReasoning(),
                r.inconsistent(), r.inconsistentConfidence(), r.inconsistentMissReasoning(),
                r.l2aGrounding() == null ? null : r.l2aGrounding().exact(),
                r.l2aGrounding() == null ? null : r.l2aGrounding().within(),
                r.l2aGrounding() == null ? null : r.l2aGrounding().objects());
    }
}
