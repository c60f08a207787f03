package dev.lacy.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench spark}: Algorithm 1's examples per second in one process without Spark, then as the Spark job with
 * one and with two local executor threads, in one run over the same examples; the scaling (two against one) and the
 * overhead (one process against one Spark thread) side by side. Every run must accept the same triplets.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Algorithm 1's examples/s: one process, Spark local[1] and local[2], side by side (JSON with --json).")
final class SparkBench implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package")
    String model;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    String data;
    @Option(names = "--dataset", defaultValue = "pool", description = "examples (default ${DEFAULT-VALUE})")
    String dataset;
    @Option(names = "--limit", defaultValue = "40", description = "examples per run (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AugmentationSettings settings = AugmentationSettings.DEFAULTS;
        Path scratch = Files.createTempDirectory("lacy-bench-spark-");
        try {
            double single = LargeStack.call("lacy-bench-single", () -> singleProcess(settings));
            ObjectNode node = new ObjectMapper().createObjectNode().put("benchmark", "spark").put("examples", limit)
                    .put("cores", Runtime.getRuntime().availableProcessors());
            node.putObject("singleProcess").put("examplesPerSecond", single).put("added", singleAdded);
            double[] rates = new double[2];
            for (int threads = 1; threads <= 2; threads++) {
                long started = System.nanoTime();
                try (SparkSession spark = SparkJobs.session("local[" + threads + "]", "lacy bench spark")) {
                    spark.sparkContext().setLogLevel("WARN");
                    double startup = (System.nanoTime() - started) / 1e9;
                    // one task per executor thread, as many examples each
                    var jobSpec = new AugmentationJob.Spec(data, dataset, scratch.toString(), "bench-" + threads, model,
                            AugmentationJob.Settings.of(settings), 0, limit, (limit + threads - 1) / threads, 1,
                            scratch.resolve("bench-" + threads + ".parquet").toString());
                    AugmentationJob.Result r = AugmentationJob.run(spark, jobSpec, TaskProbe.NONE);
                    if (r.added() != singleAdded) {
                        throw new IllegalStateException("Spark with " + threads + " threads accepted " + r.added()
                                + " triplets, one process " + singleAdded + ": the runs differ");
                    }
                    rates[threads - 1] = r.computed() / r.seconds();
                    node.putObject("local" + threads).put("examplesPerSecond", rates[threads - 1])
                            .put("jobSeconds", r.seconds()).put("sessionStartSeconds", startup).put("added", r.added());
                }
            }
            node.put("scaling", rates[1] / rates[0]).put("overhead", single / rates[0]);
            String text = String.format(Locale.ROOT, "Algorithm 1 over %d examples: one process %.2f ex/s; Spark local[1] "
                            + "%.2f ex/s, local[2] %.2f ex/s: scaling %.2fx, one process / local[1] %.2fx", limit, single,
                    rates[0], rates[1], rates[1] / rates[0], single / rates[0]);
            spec.commandLine().getOut().println(json ? node.toString() : text);
            return 0;
        } finally {
            deleteTree(scratch);
        }
    }

    private long singleAdded;

    /** The examples one after another in this process, as {@code lacy augment --workers 1 --threads 1} computes them. */
    private double singleProcess(AugmentationSettings settings) {
        var files = new HadoopFiles(new org.apache.hadoop.conf.Configuration());
        List<ManifestLine> lines = ManifestLine.read(files, HadoopFiles.qualify(data), dataset, limit);
        long started = System.nanoTime();
        try (var open = new OpenModel(files, HadoopFiles.qualify(model), 1)) {
            var augmenter = new ActiveAugmenter(open.lacy(), settings);
            for (ManifestLine line : lines) {
                singleAdded += augmenter.augment(line.example(files), line.index()).accepted().size();
            }
        }
        return lines.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
