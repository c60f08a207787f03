package dev.lacy.spark;

import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.AugmentationStep;
import dev.lacy.core.cycle.FilterAudit;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.spatial.SpatialThresholds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code lacy spark augment}: Algorithm 1 over an instruction pool (or demonstrations) as a Spark job, with the result of
 * {@code lacy augment}. Each example's sampling is seeded by its index, so examples are independent: the examples are
 * cut into contiguous slices of at most {@code perTask}, one task each, which opens the model package once and
 * writes the triplets it accepts, in example order, as its partition of the output dataset ({@link DatasetParts}).
 * The driver collects one small row per example, applies the budget as one process does (the examples up to the one
 * that brings the output to the budget; the job computes them all, so bound the work with {@code limit}), commits the
 * dataset, and writes the rows as a Parquet table.
 */
public final class AugmentationJob {

    /** Algorithm 1's parameters ({@link AugmentationSettings}), in a form Spark can ship to its tasks. */
    public record Settings(int samples, double tau, double vote, double temperature, double topP, long seed,
                           boolean sharedGrounding, int perExample, boolean groundingCheck) implements Serializable {

        public static Settings of(AugmentationSettings s) {
            return new Settings(s.samples(), s.tau(), s.vote(), s.sampling().temperature(), s.sampling().topP(),
                    s.sampling().seed(), s.sharedGrounding(), s.perExample(), s.groundingCheck());
        }

        public AugmentationSettings settings() {
            return new AugmentationSettings(samples, tau, vote, Decoding.sampled(temperature, topP, seed), sharedGrounding,
                    perExample, groundingCheck);
        }
    }

    /**
     * The job: examples of {@code dataset} under {@code data} (the first {@code limit}; all with a negative limit) into
     * the new dataset {@code outDataset} under {@code outData} (usually {@code data} itself), the per-example table at
     * {@code table}.
     */
    public record Spec(String data, String dataset, String outData, String outDataset, String model, Settings settings,
                       int budget, long limit, int perTask, int threads, String table) implements Serializable {

        /** The new dataset beside its input. */
        public Spec(String data, String dataset, String outDataset, String model, Settings settings, int budget, long limit,
                    int perTask, int threads, String table) {
            this(data, dataset, data, outDataset, model, settings, budget, limit, perTask, threads, table);
        }

        public Spec {
            if (HadoopFiles.qualify(outData).equals(HadoopFiles.qualify(data)) && outDataset.equals(dataset)) {
                throw new IllegalArgumentException("--out-dataset " + outDataset + " is the dataset augmented (--dataset): "
                        + "the triplets would be written over their own input; name another");
            }
            if (budget < 0) {
                throw new IllegalArgumentException("--budget " + budget + " must be >= 0 (0: no limit)");
            }
            if (perTask < 1 || threads < 1) {
                throw new IllegalArgumentException("--per-task " + perTask + " and --threads " + threads + " must be >= 1");
            }
            settings.settings();
        }
    }

    /** What one example gave (a row of the table). */
    record ExampleResult(long index, String instruction, double confidence, boolean answered, boolean sampled,
                         int candidates, int malformedCandidates, int malformedDescriptions, int accepted, int[] tally)
            implements Serializable {

        FilterAudit.Tally audit() {
            return FilterAudit.Tally.of(tally);
        }
    }

    /** The counts of {@code lacy augment}'s summary, over the examples kept. */
    public record Result(int examples, int sampled, long added, int candidates, int malformedCandidates,
                         int malformedDescriptions, FilterAudit.Tally audit, int computed, String table, double seconds) {
    }

    private AugmentationJob() {
    }

    public static Result run(SparkSession spark, Spec spec, TaskProbe probe) {
        long started = System.nanoTime();
        Path output = DatasetParts.dataset(HadoopFiles.qualify(spec.outData()), spec.outDataset());
        ModelJobStart start = ModelJobStart.of(spark, spec.data(), spec.dataset(), spec.model(), spec.table(), spec.limit(),
                spec.perTask());
        HadoopConf conf = start.conf();
        HadoopFiles files = start.files();
        String model = start.model();
        String table = start.table();
        List<ManifestLine> lines = start.lines();
        int partitions = start.partitions();
        DatasetParts.requireNew(files, output);
        var sc = start.sc();
        String out = output.toString();
        List<ExampleResult> results = new ArrayList<>(sc.parallelize(lines, partitions)
                .mapPartitionsWithIndex((p, examples) -> {
                    TaskContext task = TaskContext.get();
                    return LargeStack.call("lacy-spark-augment-" + p,
                            () -> augment(conf, model, spec, out, p, task, examples, probe)).iterator();
                }, true)
                .collect());
        results.sort(Comparator.comparingLong(ExampleResult::index));
        // the budget as one process applies it: examples in order until the output holds that many triplets
        int kept = 0;
        long added = 0;
        while (kept < results.size() && (spec.budget() == 0 || added < spec.budget())) {
            added += results.get(kept++).accepted();
        }
        List<ExampleResult> used = results.subList(0, kept);
        long committed = DatasetParts.commit(conf, sc, output, partitions, added);
        if (committed != added) {
            throw new IllegalStateException("the output holds " + committed + " triplets, the examples accepted " + added);
        }
        spark.createDataFrame(used.stream().map(AugmentationJob::row).toList(), SCHEMA).write().parquet(table);
        FilterAudit.Tally audit = FilterAudit.Tally.NONE;
        int sampled = 0;
        int candidates = 0;
        int malformedCandidates = 0;
        int malformedDescriptions = 0;
        for (ExampleResult r : used) {
            audit = audit.plus(r.audit());
            sampled += r.sampled() ? 1 : 0;
            candidates += r.candidates();
            malformedCandidates += r.malformedCandidates();
            malformedDescriptions += r.malformedDescriptions();
        }
        return new Result(kept, sampled, added, candidates, malformedCandidates, malformedDescriptions, audit,
                results.size(), table, (System.nanoTime() - started) / 1e9);
    }

    private static List<ExampleResult> augment(HadoopConf conf, String model, Spec spec, String output, int partition,
                                               TaskContext task, java.util.Iterator<ManifestLine> examples, TaskProbe probe) {
        HadoopFiles files = conf.files();
        var results = new ArrayList<ExampleResult>();
        var accepted = new ArrayList<Demonstration>();
        if (examples.hasNext()) {
            try (var open = new OpenModel(files, model, spec.threads())) {
                var augmenter = new ActiveAugmenter(open.lacy(), spec.settings().settings());
                var audit = new FilterAudit(new ActionJudge(SpatialThresholds.PAPER));
                while (examples.hasNext()) {
                    ManifestLine line = examples.next();
                    InstructionSample example = line.example(files);
                    AugmentationStep step = augmenter.augment(example, line.index());
                    accepted.addAll(step.accepted());
                    results.add(new ExampleResult(line.index(), example.instruction(), step.firstPassConfidence(),
                            step.firstPassAction().isPresent(), step.sampled(), step.candidates(), step.malformedCandidates(),
                            step.malformedDescriptions(), step.accepted().size(), audit.audit(example, step).counts()));
                    probe.computed(partition, task.attemptNumber(), line.index());
                }
            }
        }
        DatasetParts.write(files, new Path(output), partition, task.taskAttemptId(), accepted);
        probe.committed(partition, task.attemptNumber());
        return results;
    }

    /** The Parquet table's columns: one row per example; the judge's columns are null where the scene is unknown. */
    static final StructType SCHEMA = new StructType()
            .add("index", DataTypes.LongType, false)
            .add("instruction", DataTypes.StringType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("answered", DataTypes.BooleanType, false)
            .add("sampled", DataTypes.BooleanType, false)
            .add("candidates", DataTypes.IntegerType, false)
            .add("malformed_candidates", DataTypes.IntegerType, false)
            .add("malformed_descriptions", DataTypes.IntegerType, false)
            .add("accepted", DataTypes.IntegerType, false)
            .add("judged", DataTypes.BooleanType, false)
            .add("greedy_right", DataTypes.BooleanType, true)
            .add("accepted_right", DataTypes.IntegerType, true)
            .add("rejected", DataTypes.IntegerType, true)
            .add("rejected_right", DataTypes.IntegerType, true);

    private static Row row(ExampleResult r) {
        FilterAudit.Tally t = r.audit();
        boolean judged = t.judged() == 1;
        return RowFactory.create(r.index(), r.instruction(), r.confidence(), r.answered(), r.sampled(), r.candidates(),
                r.malformedCandidates(), r.malformedDescriptions(), r.accepted(), judged,
                judged ? Boolean.valueOf(t.greedyRight() == 1) : null, judged ? Integer.valueOf(t.acceptedRight()) : null,
                judged ? Integer.valueOf(t.rejectedJudged()) : null, judged ? Integer.valueOf(t.rejectedRight()) : null);
    }
}
