package dev.lacy.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.FilterAudit;
import dev.lacy.core.cycle.TaskScore;
import dev.lacy.dataset.MalformedFileException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy spark}: the jobs of this module from the command line, in local mode ({@code --master local[*]}, the
 * default, through {@code ./lacy spark}) or on a cluster ({@code spark-submit --class dev.lacy.spark.LacySpark
 * lacy-spark-job.jar ... --master submit}). Each prints one JSON object with {@code --json}, text otherwise.
 */
@Command(name = "lacy spark", mixinStandardHelpOptions = true, version = "lacy spark 0.1.0-SNAPSHOT",
        description = "LACY's data generation, Algorithm 1 and evaluation as Apache Spark jobs.",
        subcommands = {LacySpark.Generate.class, LacySpark.Augment.class, LacySpark.Eval.class, SparkBench.class,
            CommandLine.HelpCommand.class})
public final class LacySpark implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new LacySpark());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(command + ": " + ex.getMessage() + " (see '" + command + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            // a task's error reaches the driver wrapped by Spark: the user needs the task's own message
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)
                    && !(cause instanceof MalformedFileException)) {
                cause = cause.getCause();
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage().replace('\n', ' ')));
            return cause instanceof IllegalArgumentException || cause instanceof MalformedFileException
                    ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the job runs and how it reports. */
    static final class Common {
        @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default ${DEFAULT-VALUE}: "
                + "every core of this machine); 'submit' for the one spark-submit was given")
        String master;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        SparkSession session(String job) {
            SparkSession session = SparkJobs.session(master.equals("submit") ? null : master, "lacy spark " + job);
            if (master.startsWith("local")) {
                session.sparkContext().setLogLevel("WARN");
            }
            return session;
        }

        void print(ObjectNode json, String text) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(this.json ? json.toString() : text);
            out.flush();
        }
    }

    /** What every model job reads and how its tasks run the model. */
    static final class ModelJob {
        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package (directory or URI)")
        String model;
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory or URI written by 'lacy generate'")
        String data;
        @Option(names = "--limit", defaultValue = "-1", description = "only the first N items")
        long limit;
        @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads per model call in a task "
                + "(default ${DEFAULT-VALUE})")
        int threads;

        /** {@code DATA/name}: where a table goes unless {@code --table} says otherwise. */
        String beside(String name) {
            return new org.apache.hadoop.fs.Path(HadoopFiles.qualify(data), name).toString();
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate lacy generate's datasets (the same samples, byte for byte) with Spark tasks.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory or URI (file:, hdfs:, s3a:)")
        String out;
        @Option(names = "--demos", defaultValue = "1000", description = "demonstrations, and twice as many L2C pairs "
                + "(default ${DEFAULT-VALUE}, as lacy generate)")
        int demos;
        @Option(names = "--grounding", defaultValue = "2000", description = "grounding images (default ${DEFAULT-VALUE})")
        int grounding;
        @Option(names = "--test", defaultValue = "100", description = "test scenes (default ${DEFAULT-VALUE})")
        int test;
        @Option(names = "--pool", defaultValue = "0", description = "instruction pool items (default ${DEFAULT-VALUE})")
        int pool;
        @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--per-task", defaultValue = "500", description = "samples per task (default ${DEFAULT-VALUE})")
        int perTask;

        @Override
        public Integer call() throws java.io.IOException {
            var spec = new GenerationJob.Spec(out, demos, grounding, test, pool, seed, perTask);
            try (SparkSession spark = common.session("generate")) {
                GenerationJob.Result result = GenerationJob.run(spark, spec, TaskProbe.NONE);
                ObjectNode json = new ObjectMapper().createObjectNode();
                result.written().forEach(json::put);
                json.put("seconds", result.seconds());
                common.print(json, String.format(Locale.ROOT, "%s: %s in %.1f s", HadoopFiles.qualify(out),
                        result.written(), result.seconds()));
            }
            return 0;
        }
    }

    @Command(name = "augment", mixinStandardHelpOptions = true,
            description = "Algorithm 1 over an instruction pool with Spark tasks (lacy augment's triplets and counts), "
                    + "and a Parquet table of every example.")
    static final class Augment implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        ModelJob job;
        @Option(names = "--dataset", defaultValue = "pool", description = "instruction pool or demonstrations (default ${DEFAULT-VALUE})")
        String dataset;
        @Option(names = "--out-dataset", defaultValue = "augmented", description = "new dataset of the accepted triplets (default ${DEFAULT-VALUE})")
        String outDataset;
        @Option(names = "--table", description = "Parquet table of the examples (default: DATA/OUT-DATASET-examples.parquet)")
        String table;
        @Option(names = "--budget", defaultValue = "0", description = "keep the examples up to the one that brings the "
                + "output to this many triplets, as lacy augment stops; 0 for no limit (default ${DEFAULT-VALUE})")
        int budget;
        @Option(names = "--samples", defaultValue = "8", description = "N (default ${DEFAULT-VALUE})")
        int samples;
        @Option(names = "--tau", defaultValue = "0.9", description = "consistency threshold (default ${DEFAULT-VALUE})")
        double tau;
        @Option(names = "--vote", defaultValue = "0.5", description = "majority vote nu (default ${DEFAULT-VALUE})")
        double vote;
        @Option(names = "--temperature", description = "sampling temperature (default: ours, " + AugmentationSettings.TEMPERATURE + "; the paper-literal 1.0)")
        Double temperature;
        @Option(names = "--top-p", description = "nucleus top-p (default: ours, " + AugmentationSettings.TOP_P + "; the paper-literal 0.95)")
        Double topP;
        @Option(names = "--per-example", description = "accepted actions kept per example; 0 keeps all (default: ours, 1)")
        Integer perExample;
        @Option(names = "--paper-literal", description = "the paper's loop body as written")
        boolean paperLiteral;
        @Option(names = "--no-grounding-check", description = "do not reject candidates that contradict the model's grounding")
        boolean noGroundingCheck;
        @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--per-task", defaultValue = "50", description = "examples per task (default ${DEFAULT-VALUE})")
        int perTask;

        @Override
        public Integer call() throws java.io.IOException {
            var settings = AugmentationSettings.of(paperLiteral, samples, tau, vote,
                    temperature == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(temperature),
                    topP == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(topP),
                    perExample == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(perExample), noGroundingCheck, seed);
            String tableAt = table != null ? table : job.beside(outDataset + "-examples.parquet");
            var spec = new AugmentationJob.Spec(job.data, dataset, outDataset, job.model, AugmentationJob.Settings.of(settings),
                    budget, job.limit, perTask, job.threads, tableAt);
            try (SparkSession spark = common.session("augment")) {
                AugmentationJob.Result r = AugmentationJob.run(spark, spec, TaskProbe.NONE);
                ObjectNode json = new ObjectMapper().createObjectNode().put("examples", r.examples())
                        .put("computed", r.computed()).put("sampled", r.sampled()).put("added", r.added())
                        .put("candidates", r.candidates()).put("malformedCandidates", r.malformedCandidates())
                        .put("malformedDescriptions", r.malformedDescriptions()).put("table", r.table())
                        .put("seconds", r.seconds());
                audit(json.putObject("filter"), r.audit());
                common.print(json, String.format(Locale.ROOT, "augmented %d examples (%d computed): %d sampled, %d new "
                                + "triplets in '%s' (%d of %d candidate actions malformed, %d malformed descriptions) in "
                                + "%.0f s; filter precision (judge) %s; table %s", r.examples(), r.computed(), r.sampled(),
                        r.added(), outDataset, r.malformedCandidates(), r.candidates(), r.malformedDescriptions(),
                        r.seconds(), r.audit().precision().describe(), r.table()));
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "lacy eval's figures with Spark tasks, and a Parquet table of every scene.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        ModelJob job;
        @Option(names = "--dataset", defaultValue = "test", description = "test dataset (default ${DEFAULT-VALUE})")
        String dataset;
        @Option(names = "--table", description = "Parquet table of the scenes (default: DATA/DATASET-eval.parquet)")
        String table;
        @Option(names = "--seed", defaultValue = "7", description = "seed of the L2C pairs (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--per-task", defaultValue = "25", description = "scenes per task (default ${DEFAULT-VALUE})")
        int perTask;

        @Override
        public Integer call() throws java.io.IOException {
            String tableAt = table != null ? table : job.beside(dataset + "-eval.parquet");
            var spec = new EvaluationJob.Spec(job.data, dataset, job.model, seed, job.limit, perTask, job.threads, tableAt);
            try (SparkSession spark = common.session("eval")) {
                EvaluationJob.Result result = EvaluationJob.run(spark, spec, TaskProbe.NONE);
                EvaluationReport report = result.report();
                ObjectNode json = new ObjectMapper().createObjectNode().put("model", job.model).put("scenes", report.scenes())
                        .put("l2a", report.l2a().percent()).put("a2l", report.a2l().percent())
                        .put("l2c", report.l2c().percent()).put("table", result.table()).put("seconds", result.seconds());
                ObjectNode scores = json.putObject("scores");
                score(scores.putObject("l2a"), report.l2a());
                score(scores.putObject("a2l"), report.a2l());
                score(scores.putObject("l2c"), report.l2c());
                report.pick().ifPresent(pick -> json.put("pick", pick.percent()));
                report.pickAndPlace().ifPresent(placed -> json.put("pickAndPlace", placed.percent()));
                ObjectNode failures = json.putObject("l2aFailures");
                report.l2aFailures().forEach(failures::put);
                common.print(json, String.format(Locale.ROOT, "%d scenes: L2A %s, A2L %s, L2C %s in %.1f s; table %s",
                        report.scenes(), report.l2a().describe(), report.a2l().describe(), report.l2c().describe(),
                        result.seconds(), result.table()));
            }
            return 0;
        }
    }

    /** The filter's measurements, as lacy augment prints them. */
    static void audit(ObjectNode node, FilterAudit.Tally t) {
        node.put("judgedExamples", t.judged());
        score(node.putObject("precision"), t.precision());
        score(node.putObject("rejectedRight"), t.rejected());
        score(node.putObject("greedyOnSampled"), t.sampledGreedy());
        score(node.putObject("greedyOnConfident"), t.confidentGreedy());
        score(node.putObject("greedy"), t.greedy());
    }

    /** A rate: right, of, percent and its Wilson 95 % interval. */
    static void score(ObjectNode node, TaskScore s) {
        double[] ci = s.wilson95();
        node.put("right", s.successes()).put("of", s.total()).put("percent", s.percent()).put("ciLow", ci[0])
                .put("ciHigh", ci[1]);
    }
}
