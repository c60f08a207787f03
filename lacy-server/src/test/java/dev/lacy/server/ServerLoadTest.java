package dev.lacy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.client.ImageCodec;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.writer.CharacterTokenizer;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 clients for 60 seconds ({@code -Dlacy.load.seconds} to change it) against a server over an ONNX Runtime model, its
 * queue small enough to overflow: every request sent gets an answer, and every answer is 200, 429 or 413.
 */
class ServerLoadTest {

    static final int CLIENTS = 16;

    @TempDir
    Path dir;

    @Test
    void sixteenClientsForAMinuteLoseNoRequest() throws Exception {
        long seconds = Long.getLong("lacy.load.seconds", 60);
        var config = new TinyLlavaConfig(16, 8, 32, 4, 2, 64, CharacterTokenizer.vocabularySize(), 512);
        TinyLlavaPackages.write(dir.resolve("m"), "load", TinyLlavaWeights.random(config, 5), new ModelPackageWriter(), true);
        String image = Base64.getEncoder().encodeToString(ImageCodec.png(TestScenes.picture(ContractScenes.TWO_OBJECTS, 32)));
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long answeredByServer;
        long resent;
        var sent = new AtomicLong();
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        try (var model = OnnxVisionLanguageModel.open(dir.resolve("m"), Device.CPU);
             var server = LacyServer.start(model, LacyPromptFormat.withChainOfThought(), "load", List.of(),
                     ServerSettings.defaults().withQueue(6, 1).withLimits(256 * 1024, Duration.ofSeconds(60)))) {
            var http = new HttpTestClient(server.port());
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            var done = new ArrayList<Future<?>>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        // one request in ten is too large; the others ask for an action
                        String body = (client + i) % 10 == 0
                                ? "{\"image\":\"" + "A".repeat(300_000) + "\"}"
                                : "{\"image\":\"" + image + "\",\"instruction\":\"Pick the lemon and place it in the center\"}";
                        sent.incrementAndGet();
                        try {
                            statuses.computeIfAbsent(http.post("/v1/l2a", body).status(), s -> new AtomicLong()).incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
            assertThat(http.get("/ready").status()).isEqualTo(200);
            // what the server answered, to compare with what the clients received
            answeredByServer = server.metrics().count("l2a", 200) + server.metrics().count("l2a", 429)
                    + server.metrics().count("l2a", 413);
            resent = http.resent.get();
        }
        var seen = new TreeMap<Integer, Long>();
        statuses.forEach((s, n) -> seen.put(s, n.get()));
        System.out.printf("load: %d s, %d clients, %d requests, answers by status %s, %d sent again after a closed "
                + "connection%n", seconds, CLIENTS, sent.get(), seen, resent);

        assertThat(failures).as("requests without an answer").isEmpty();
        assertThat(seen.keySet()).isSubsetOf(200, 429, 413);
        assertThat(seen.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(sent.get());
        // every request the clients got an answer to was answered by the server, and the server answered nothing beyond
        // what was sent: a resent request may have been answered once already, its answer lost with its connection
        // (seen: 1 in 54,840, an answer the server counted that never reached its client; LacyClient resends those)
        assertThat(answeredByServer).as("requests the server answered").isBetween(sent.get(), sent.get() + resent);
        assertThat(seen.get(200)).isPositive();
        assertThat(seen.get(413)).isPositive();
    }
}
