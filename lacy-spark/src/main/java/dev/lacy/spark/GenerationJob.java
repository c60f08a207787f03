package dev.lacy.spark;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Sample;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.SampleRecipes;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lacy spark generate}: the datasets of {@code lacy generate} (the same samples, byte for byte) made by Spark
 * tasks. Sample {@code i} of a dataset is a pure function of the seed, the dataset and {@code i}
 * ({@link SampleRecipes}), so each dataset's index range is cut into ranges of at most {@code perTask} samples, one
 * task each, and the tasks never depend on each other; L2C pairs {@code 2i} and {@code 2i + 1} are made by the task of
 * demonstration {@code i}. Written with {@link DatasetParts}.
 */
public final class GenerationJob {

    /** What to generate: as {@code lacy generate} with the default tabletop (224-pixel images, 3 to 8 objects). */
    public record Spec(String out, int demonstrations, int grounding, int test, int pool, long seed, int perTask)
            implements Serializable {

        public Spec {
            if (demonstrations < 0 || grounding < 0 || test < 0 || pool < 0) {
                throw new IllegalArgumentException("sample counts must be >= 0, got demos " + demonstrations
                        + ", grounding " + grounding + ", test " + test + ", pool " + pool);
            }
            if (demonstrations + grounding + test + pool == 0) {
                throw new IllegalArgumentException("nothing to generate: --demos, --grounding, --test and --pool are all 0");
            }
            if (perTask < 1) {
                throw new IllegalArgumentException("--per-task " + perTask + " must be >= 1");
            }
        }
    }

    /** The counts written, per dataset. */
    public record Result(Map<String, Long> written, double seconds) {
    }

    /** One task: samples {@code from} to {@code to} of {@code dataset}, partition {@code partition} of its dataset. */
    record Range(String dataset, int partition, long from, long to) implements Serializable {
    }

    /** The tabletop of {@code lacy generate}'s defaults (docs/datasets.md). */
    static final int IMAGE_SIZE = 224;
    static final int MIN_OBJECTS = 3;
    static final int MAX_OBJECTS = 8;
    /** The version {@code lacy generate} records too ({@link SampleRecipes#GENERATOR_VERSION}). */
    static final int GENERATOR_VERSION = SampleRecipes.GENERATOR_VERSION;

    private GenerationJob() {
    }

    public static Result run(SparkSession spark, Spec spec, TaskProbe probe) {
        long started = System.nanoTime();
        HadoopConf conf = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
        HadoopFiles files = conf.files();
        String out = HadoopFiles.qualify(spec.out());
        var counts = new LinkedHashMap<String, Long>();
        counts.put(SampleRecipes.TRAIN, (long) spec.demonstrations());
        counts.put(SampleRecipes.TRAIN_L2C, (long) SampleRecipes.L2C_PER_DEMONSTRATION * spec.demonstrations());
        counts.put(SampleRecipes.GROUNDING, (long) spec.grounding());
        counts.put(SampleRecipes.TEST, (long) spec.test());
        counts.put(SampleRecipes.POOL, (long) spec.pool());
        counts.forEach((dataset, count) -> {
            if (count > 0) {
                DatasetParts.requireNew(files, DatasetParts.dataset(out, dataset));
            }
        });
        var ranges = new ArrayList<Range>();
        for (String dataset : List.of(SampleRecipes.TRAIN, SampleRecipes.GROUNDING, SampleRecipes.TEST, SampleRecipes.POOL)) {
            long count = counts.get(dataset);
            for (long from = 0, p = 0; from < count; from += spec.perTask(), p++) {
                ranges.add(new Range(dataset, (int) p, from, Math.min(count, from + spec.perTask())));
            }
        }
        var sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.parallelize(ranges, Math.max(1, ranges.size()))
                .foreach(range -> make(conf.files(), out, spec.seed(), range, probe));
        var written = new LinkedHashMap<String, Long>();
        counts.forEach((dataset, count) -> {
            if (count > 0) {
                int partitions = (int) ((count / (dataset.equals(SampleRecipes.TRAIN_L2C) ? SampleRecipes.L2C_PER_DEMONSTRATION : 1) + spec.perTask() - 1)
                        / spec.perTask());
                written.put(dataset, DatasetParts.commit(conf, sc, DatasetParts.dataset(out, dataset), partitions, -1));
            }
        });
        files.writeAtomically(new Path(out, "generation.json"), record(spec.seed()));
        return new Result(written, (System.nanoTime() - started) / 1e9);
    }

    private static void make(HadoopFiles files, String out, long seed, Range range, TaskProbe probe) {
        TaskContext task = TaskContext.get();
        var recipes = new SampleRecipes(Demonstrators.standard(), seed);
        var samples = new ArrayList<Sample>();
        var pairs = new ArrayList<ConsistencySample>();
        for (long i = range.from(); i < range.to(); i++) {
            switch (range.dataset()) {
                case SampleRecipes.TRAIN -> {
                    Demonstration demonstration = recipes.demonstration(i);
                    samples.add(demonstration);
                    pairs.addAll(recipes.consistencyPairs(demonstration, i));
                }
                case SampleRecipes.GROUNDING -> samples.add(recipes.grounding(i));
                case SampleRecipes.TEST -> samples.add(recipes.test(i));
                case SampleRecipes.POOL -> samples.add(recipes.pool(i));
                default -> throw new IllegalStateException("no recipe for dataset " + range.dataset());
            }
            probe.computed(range.partition(), task.attemptNumber(), i);
        }
        DatasetParts.write(files, DatasetParts.dataset(out, range.dataset()), range.partition(), task.taskAttemptId(), samples);
        if (range.dataset().equals(SampleRecipes.TRAIN)) {
            DatasetParts.write(files, DatasetParts.dataset(out, SampleRecipes.TRAIN_L2C), range.partition(),
                    task.taskAttemptId(), pairs);
        }
        probe.committed(range.partition(), task.attemptNumber());
    }

    /** The record {@code lacy generate} writes beside the datasets, for the defaults and {@code seed}. */
    static byte[] record(long seed) {
        String json = "{\n"
                + "  \"generatorVersion\" : \"" + GENERATOR_VERSION + "\",\n"
                + "  \"seed\" : \"" + seed + "\",\n"
                + "  \"imageSize\" : \"" + IMAGE_SIZE + "\",\n"
                + "  \"minObjects\" : \"" + MIN_OBJECTS + "\",\n"
                + "  \"maxObjects\" : \"" + MAX_OBJECTS + "\",\n"
                + "  \"randomization\" : \"none\"\n"
                + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** One demonstrator per executor JVM: it is stateless, and its catalogue and renderer take a moment to build. */
    static final class Demonstrators {
        private static ScriptedDemonstrator standard;

        private Demonstrators() {
        }

        static synchronized ScriptedDemonstrator standard() {
            if (standard == null) {
                standard = SampleRecipes.standardDemonstrator(IMAGE_SIZE, MIN_OBJECTS, MAX_OBJECTS, Randomization.NONE,
                        SpatialThresholds.PAPER);
            }
            return standard;
        }
    }
}
