package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.client.ImageCodec;
import dev.lacy.client.WireFormat;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.server.LacyServer;
import dev.lacy.server.PlaygroundScene;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lacy bench serve}: L2A requests per second and latency percentiles of {@code lacy serve} on this machine, at 1, 4
 * and 16 concurrent clients, unbatched (one request per model call) against batched, the same model, queue and workers,
 * side by side in one run. Clients are closed-loop: each sends its next request when its answer arrives.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Throughput and p50/p99 latency of lacy serve at 1, 4 and 16 clients, batched vs unbatched.")
final class BenchServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model package")
    Path model;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per cell (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--clients", defaultValue = "1,4,16", split = ",", description = "concurrent clients (default ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Mixin
    ServeOptions serving;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    private record Cell(String mode, int clients, long answered, Map<Integer, Long> statuses, double seconds, double p50, double p99) {
        double throughput() {
            return answered / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (serving.scenes == null) {
            throw new IllegalArgumentException("bench serve needs --scenes DIR:DATASET (the requests' images and instructions)");
        }
        List<PlaygroundScene> scenes = serving.scenes();
        var bodies = new ArrayList<String>();
        for (PlaygroundScene s : scenes) {
            bodies.add(WireFormat.json().createObjectNode().put("image", Base64.getEncoder().encodeToString(ImageCodec.png(s.image())))
                    .put("instruction", s.instruction()).toString());
        }
        ModelLoader loader = device.models();
        var ref = new ModelRef(model);
        var cells = new ArrayList<Cell>();
        try (VisionLanguageModel vlm = loader.load(ref)) {
            for (int maxBatch : List.of(1, serving.maxBatch)) {
                String mode = maxBatch == 1 ? "unbatched" : "batched";
                var settings = serving.settings("127.0.0.1", 0, java.util.Optional.empty()).withBatching(maxBatch,
                        maxBatch == 1 ? Duration.ZERO : Duration.ofMillis(serving.maxWaitMs));
                try (var server = LacyServer.start(vlm, loader.promptFormat(ref), "bench", List.of(), settings)) {
                    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/l2a");
                    run(uri, bodies, 2, 3); // warm-up
                    for (int n : clients) {
                        Cell cell = run(uri, bodies, n, seconds);
                        cells.add(new Cell(mode, n, cell.answered(), cell.statuses(), cell.seconds(), cell.p50(), cell.p99()));
                        output.err().printf(Locale.ROOT, "%s, %d clients: %.2f requests/s, p50 %.0f ms, p99 %.0f ms%n", mode, n,
                                cell.throughput(), cell.p50(), cell.p99());
                        output.err().flush();
                    }
                }
            }
        }
        ObjectNode result = Output.object().put("model", model.toString()).put("seconds", seconds)
                .put("maxBatch", serving.maxBatch).put("maxWaitMs", serving.maxWaitMs).put("workers", serving.workers)
                .put("cores", Runtime.getRuntime().availableProcessors());
        var rows = result.putArray("cells");
        var text = new StringBuilder(String.format(Locale.ROOT, "%-10s %8s %12s %9s %9s%n", "mode", "clients", "requests/s",
                "p50 ms", "p99 ms"));
        for (Cell c : cells) {
            ObjectNode row = rows.addObject().put("mode", c.mode()).put("clients", c.clients()).put("answered", c.answered())
                    .put("requestsPerSecond", c.throughput()).put("p50Ms", c.p50()).put("p99Ms", c.p99());
            c.statuses().forEach((status, n) -> row.with("statuses").put(String.valueOf(status), n));
            text.append(String.format(Locale.ROOT, "%-10s %8d %12.2f %9.0f %9.0f%n", c.mode(), c.clients(), c.throughput(), c.p50(),
                    c.p99()));
        }
        var ratios = result.putObject("batchedOverUnbatched");
        for (int n : clients) {
            double batched = cells.stream().filter(c -> c.clients() == n && c.mode().equals("batched")).findFirst().orElseThrow().throughput();
            double unbatched = cells.stream().filter(c -> c.clients() == n && c.mode().equals("unbatched")).findFirst().orElseThrow()
                    .throughput();
            ratios.put(String.valueOf(n), batched / unbatched);
            text.append(String.format(Locale.ROOT, "batched / unbatched at %d clients: %.2f%n", n, batched / unbatched));
        }
        output.print(result, text.toString().stripTrailing());
        return 0;
    }

    /** {@code n} closed-loop clients for {@code seconds}: answers, statuses and latency percentiles of the 200s. */
    private static Cell run(URI uri, List<String> bodies, int n, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var latencies = Collections.synchronizedList(new ArrayList<Double>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        var futures = new ArrayList<Future<?>>();
        for (int c = 0; c < n; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = client; System.nanoTime() < end; i += n) {
                    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                    long sent = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status == 200) {
                            latencies.add((System.nanoTime() - sent) / 1e6);
                        }
                    } catch (IOException e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        var counts = new TreeMap<Integer, Long>();
        statuses.forEach((s, count) -> counts.put(s, count.get()));
        return new Cell("", n, sorted.size(), counts, elapsed, percentile(sorted, 0.5), percentile(sorted, 0.99));
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
