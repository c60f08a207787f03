package dev.lacy.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, in Prometheus' text exposition format (version 0.0.4): requests by endpoint and
 * status, request latency and batch size histograms, the queue depth and the requests in flight. Thread-safe.
 */
public final class ServerMetrics {

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};

    /** A cumulative histogram: counts per upper bound, their sum and count. */
    private static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final AtomicLong count = new AtomicLong();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts.incrementAndGet(i);
                }
            }
            count.incrementAndGet();
            sum.add(value);
        }

        void write(StringBuilder out, String name, String labels) {
            String sep = labels.isEmpty() ? "" : labels + ",";
            for (int i = 0; i < bounds.length; i++) {
                out.append(name).append("_bucket{").append(sep).append("le=\"").append(number(bounds[i])).append("\"} ")
                        .append(counts.get(i)).append('\n');
            }
            out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(count.get()).append('\n');
            String braces = labels.isEmpty() ? "" : "{" + labels + "}";
            out.append(name).append("_sum").append(braces).append(' ').append(number(sum.sum())).append('\n');
            out.append(name).append("_count").append(braces).append(' ').append(count.get()).append('\n');
        }
    }

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private final AtomicLong inFlight = new AtomicLong();
    private volatile IntSupplier queueDepth = () -> 0;

    /** One answered request. */
    public void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new AtomicLong()).incrementAndGet();
        latency.computeIfAbsent(endpoint, k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    /** One model call over {@code size} requests. */
    public void batch(int size) {
        batches.observe(size);
    }

    void queueDepth(IntSupplier depth) {
        this.queueDepth = depth;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    long inFlight() {
        return inFlight.get();
    }

    /** The requests answered with {@code status} at {@code endpoint} so far. */
    public long count(String endpoint, int status) {
        AtomicLong n = requests.get(endpoint + "\u0000" + status);
        return n == null ? 0 : n.get();
    }

    public String exposition() {
        var out = new StringBuilder();
        out.append("# HELP lacy_requests_total Requests answered, by endpoint and HTTP status.\n");
        out.append("# TYPE lacy_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, n) -> {
            String[] parts = key.split("\u0000");
            out.append("lacy_requests_total{endpoint=\"").append(parts[0]).append("\",status=\"").append(parts[1])
                    .append("\"} ").append(n.get()).append('\n');
        });
        out.append("# HELP lacy_request_duration_seconds Time from a request's arrival to its answer.\n");
        out.append("# TYPE lacy_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((endpoint, h) -> h.write(out, "lacy_request_duration_seconds",
                "endpoint=\"" + endpoint + "\""));
        out.append("# HELP lacy_batch_size Requests per model call.\n");
        out.append("# TYPE lacy_batch_size histogram\n");
        batches.write(out, "lacy_batch_size", "");
        out.append("# HELP lacy_queue_depth Requests waiting for the model.\n");
        out.append("# TYPE lacy_queue_depth gauge\n");
        out.append("lacy_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        out.append("# HELP lacy_requests_in_flight Requests being answered.\n");
        out.append("# TYPE lacy_requests_in_flight gauge\n");
        out.append("lacy_requests_in_flight ").append(inFlight.get()).append('\n');
        return out.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
