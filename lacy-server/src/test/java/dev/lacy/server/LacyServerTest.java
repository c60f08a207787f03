package dev.lacy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.client.ImageCodec;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.testing.OracleModelTestDouble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LacyServerTest {

    static final RgbImage IMAGE = TestScenes.picture(ContractScenes.TWO_OBJECTS, 64);
    static final String IMAGE_64 = Base64.getEncoder().encodeToString(ImageCodec.png(IMAGE));
    static final String INSTRUCTION = "Pick the lemon and place it in the top left of the table";

    static LacyServer server;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        server = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), LacyPromptFormat.withoutChainOfThought(),
                "oracle", List.of(new PlaygroundScene("0", "test", IMAGE, INSTRUCTION)),
                ServerSettings.defaults().withLimits(1024 * 1024, Duration.ofSeconds(30)));
        http = new HttpTestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String l2a(String instruction) {
        return "{\"image\":\"" + IMAGE_64 + "\",\"instruction\":" + new ObjectMapper().valueToTree(instruction) + "}";
    }

    @Test
    void theTasksAnswerWithTheModelsActionDescriptionAndConfidence() {
        JsonNode action = http.post("/v1/l2a", l2a(INSTRUCTION)).json();
        assertThat(action.path("pick").path("x").asDouble()).isEqualTo(0.3);
        assertThat(action.path("place").path("x").asDouble()).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(1e-3));

        JsonNode description = http.post("/v1/a2l", "{\"image\":\"" + IMAGE_64
                + "\",\"pick\":{\"x\":0.3,\"y\":0.3},\"place\":{\"x\":0.15,\"y\":0.15}}").json();
        assertThat(description.path("instruction").asText()).contains("lemon");

        JsonNode cycle = http.post("/v1/cycle", l2a(INSTRUCTION)).json();
        assertThat(cycle.path("action").path("pick").path("y").asDouble()).isEqualTo(0.3);
        assertThat(cycle.path("description").path("instruction").asText()).contains("lemon");
        assertThat(cycle.path("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(cycle.path("consistency").path("consistent").asBoolean()).isTrue();

        JsonNode check = http.post("/v1/l2c", "{\"image\":\"" + IMAGE_64 + "\",\"first\":\"" + INSTRUCTION
                + "\",\"second\":\"Pick the mustard bottle and place it in the center of the table\"}").json();
        assertThat(check.path("consistent").asBoolean()).isFalse();
    }

    @Test
    void aClientTakesThePromptFormatTheServerSaysItServesGroundingFirstIncluded() {
        var ref = new dev.lacy.core.port.ModelRef(java.nio.file.Path.of("served"));
        assertThat(new dev.lacy.client.RemoteModelLoader(java.net.URI.create("http://localhost:" + server.port()), Optional.empty())
                .promptFormat(ref).chainOfThought()).isFalse();
        try (LacyServer first = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), LacyPromptFormat.groundingFirst(),
                "first", List.of(), ServerSettings.defaults())) {
            var format = new dev.lacy.client.RemoteModelLoader(java.net.URI.create("http://localhost:" + first.port()), Optional.empty())
                    .promptFormat(ref);

            assertThat(format.chainOfThought()).isTrue();
            assertThat(format.groundsFirst()).isTrue();
            assertThat(new HttpTestClient(first.port()).get("/v1/model").json().path("groundFirst").asBoolean()).isTrue();
            assertThat(format.comparisonLine()).isEqualTo(1);
        }
        try (LacyServer halves = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS),
                LacyPromptFormat.withChainOfThought().withComparisonLine(2), "halves", List.of(), ServerSettings.defaults())) {
            var format = new dev.lacy.client.RemoteModelLoader(java.net.URI.create("http://localhost:" + halves.port()), Optional.empty())
                    .promptFormat(ref);

            assertThat(format.comparisonLine()).as("the comparison line the served model was taught").isEqualTo(2);
            assertThat(new HttpTestClient(halves.port()).get("/v1/model").json().path("comparisonLine").asInt()).isEqualTo(2);
        }
    }

    @Test
    void withClearPlacesAnL2aAnswersPlacePointIsMovedOffWhatTheModelGroundedThere() {
        var model = new dev.lacy.core.testing.ScriptedModelTestDouble();
        model.thenGenerate(dev.lacy.core.port.LacyTask.L2A, "There are 2 objects in the image: lemon at (0.500,0.800), mug at "
                + "(0.833,0.500).\nThe place is in the middle right at (0.833,0.500). Pick the lemon at (0.500,0.800).\n"
                + "<pick> at (0.500,0.800) / <place> at (0.833,0.500)");
        var clear = new dev.lacy.core.format.ClearPlace(dev.lacy.core.scene.Footprints.of(java.util.Map.of("lemon", 0.04, "mug", 0.05)),
                dev.lacy.core.spatial.SpatialThresholds.PAPER);
        try (LacyServer held = LacyServer.start(model, LacyPromptFormat.withChainOfThought(), "held", List.of(),
                ServerSettings.defaults(), Optional.of(clear))) {
            var client = new HttpTestClient(held.port());
            assertThat(client.get("/v1/model").json().path("clearPlaces").asBoolean()).isTrue();

            JsonNode action = client.post("/v1/l2a", l2a("Pick the lemon and place it in the middle right of the table")).json();

            var place = new dev.lacy.core.scene.Point(action.path("place").path("x").asDouble(), action.path("place").path("y").asDouble());
            assertThat(dev.lacy.core.spatial.GridCell.of(place)).isEqualTo(dev.lacy.core.spatial.GridCell.MIDDLE_RIGHT);
            assertThat(place.distanceTo(new dev.lacy.core.scene.Point(0.833, 0.5))).isGreaterThanOrEqualTo(0.09);
        }
        assertThat(http.get("/v1/model").json().path("clearPlaces").asBoolean()).isFalse();
    }

    @Test
    void anImageMayComeAsItsOwnBytesWithTheFieldsAsQueryParameters() {
        var reply = http.post("/v1/l2a?instruction=" + java.net.URLEncoder.encode(INSTRUCTION, java.nio.charset.StandardCharsets.UTF_8),
                ImageCodec.png(IMAGE), "image/png");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("pick").path("x").asDouble()).isEqualTo(0.3);
    }

    @Test
    void badRequestsGetA4xxNamingWhatIsWrongAndTheServerKeepsServing() {
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(ImageCodec.png(IMAGE), 60));
        record Case(String what, HttpTestClient.Reply reply, int status, String field) {
        }
        var cases = List.of(
                new Case("no image", http.post("/v1/l2a", "{\"instruction\":\"" + INSTRUCTION + "\"}"), 400, "image"),
                new Case("a truncated PNG", http.post("/v1/l2a", "{\"image\":\"" + truncated + "\",\"instruction\":\"x\"}"), 400,
                        "image"),
                new Case("a 10,000-character instruction", http.post("/v1/l2a", l2a("a".repeat(10_000))), 400, "instruction"),
                new Case("a number for the instruction", http.post("/v1/l2a", "{\"image\":\"" + IMAGE_64
                        + "\",\"instruction\":42}"), 400, "instruction"),
                new Case("a string for a point", http.post("/v1/a2l", "{\"image\":\"" + IMAGE_64
                        + "\",\"pick\":\"0.3,0.3\",\"place\":{\"x\":0.1,\"y\":0.1}}"), 400, "pick"),
                new Case("a point outside the image", http.post("/v1/a2l", "{\"image\":\"" + IMAGE_64
                        + "\",\"pick\":{\"x\":1.5,\"y\":0.3},\"place\":{\"x\":0.1,\"y\":0.1}}"), 400, "pick"),
                new Case("an array for the body", http.post("/v1/l2c", "[1, 2]"), 400, "body"),
                new Case("no JSON", http.post("/v1/cycle", "{\"image\": "), 400, "body"),
                new Case("a string for the samples", http.post("/v1/generate", "{\"task\":\"L2A\",\"image\":\"" + IMAGE_64
                        + "\",\"prompt\":\"p\",\"samples\":\"2\",\"maxNewTokens\":4,\"decoding\":{\"temperature\":0,\"topP\":1,"
                        + "\"topK\":0,\"seed\":0}}"), 400, "samples"),
                new Case("a top-p of 2", http.post("/v1/generate", "{\"task\":\"L2A\",\"image\":\"" + IMAGE_64
                        + "\",\"prompt\":\"p\",\"samples\":1,\"maxNewTokens\":4,\"decoding\":{\"temperature\":0,\"topP\":2,"
                        + "\"topK\":0,\"seed\":0}}"), 400, "decoding"),
                new Case("an unknown task", http.post("/v1/score", "{\"task\":\"DANCE\",\"image\":\"" + IMAGE_64
                        + "\",\"prefix\":\"p\",\"positive\":\"1\",\"negative\":\"0\"}"), 400, "task"),
                new Case("a 50 MB image over the 1 MiB limit", http.post("/v1/l2a", "{\"image\":\"" + "A".repeat(50_000_000) + "\"}"),
                        413, "body"),
                new Case("a path that does not exist", http.get("/v1/dance"), 404, "path"));
        for (Case c : cases) {
            assertThat(c.reply().status()).as(c.what()).isEqualTo(c.status());
            assertThat(c.reply().json().path("field").asText()).as(c.what()).isEqualTo(c.field());
            assertThat(c.reply().json().path("error").asText()).as(c.what()).isNotBlank();
        }
        assertThat(http.post("/v1/l2a", l2a(INSTRUCTION)).status()).isEqualTo(200);
        assertThat(server.metrics().count("l2a", 400)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anImageTooLargeIsRefusedBeforeItsPixelsAreDecoded() {
        // a PNG header that claims 100,000 x 100,000 pixels: 33 bytes
        byte[] header = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgABhqAAAYagCAIAAADxRbMAAAAAAElFTkSuQmCC");
        var reply = http.post("/v1/l2a", "{\"image\":\"" + Base64.getEncoder().encodeToString(header) + "\",\"instruction\":\"x\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).contains("at most 4096");
    }

    @Test
    void healthReadinessMetricsAndTheOpenApiDescriptionAreServed() {
        assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
        assertThat(http.get("/ready").json().path("ready").asBoolean()).isTrue();
        http.post("/v1/l2a", l2a(INSTRUCTION));
        String metrics = http.get("/metrics").raw().body();
        assertThat(metrics).contains("lacy_requests_total{endpoint=\"l2a\",status=\"200\"}")
                .contains("lacy_request_duration_seconds_bucket{endpoint=\"l2a\",le=\"+Inf\"}")
                .contains("lacy_batch_size_count").contains("lacy_queue_depth 0");
        assertThat(http.get("/").raw().body()).contains("LACY playground");
    }

    @Test
    void everyPathTheOpenApiDescriptionNamesIsServed() {
        JsonNode paths = http.get("/openapi.json").json().path("paths");
        var names = new ArrayList<String>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSizeGreaterThan(10);
        for (String path : names) {
            for (var method : List.of("get", "post")) {
                if (!paths.path(path).has(method)) {
                    continue;
                }
                String concrete = path.replace("{id}", "0");
                var reply = method.equals("get") ? http.get(concrete) : http.post(concrete, "{}");
                assertThat(reply.status()).as(method + " " + path).isNotEqualTo(405);
                if (reply.status() == 404) {
                    assertThat(reply.json().path("field").asText()).as(method + " " + path).isNotEqualTo("path");
                }
            }
        }
        // and the other way: a path the server does not document is not served
        assertThat(http.get("/v1/secret").status()).isEqualTo(404);
    }

    @Test
    void aBearerTokenIsRequiredWhenConfigured() {
        try (var guarded = LacyServer.start(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS),
                LacyPromptFormat.withoutChainOfThought(), "oracle", List.of(),
                ServerSettings.defaults().withToken(Optional.of("s3cret")))) {
            var client = new HttpTestClient(guarded.port());

            assertThat(client.post("/v1/l2a", l2a(INSTRUCTION)).status()).isEqualTo(401);
            assertThat(client.post("/v1/l2a", l2a(INSTRUCTION), "Authorization", "Bearer wrong").status()).isEqualTo(401);
            assertThat(client.get("/metrics").status()).isEqualTo(401);
            assertThat(client.post("/v1/l2a", l2a(INSTRUCTION), "Authorization", "Bearer s3cret").status()).isEqualTo(200);
            assertThat(client.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void concurrentRequestsShareModelCallsAndEachGetsItsOwnAnswer() throws Exception {
        var model = new GatedModelTestDouble(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), false);
        try (var batched = LacyServer.start(model, LacyPromptFormat.withoutChainOfThought(), "gated", List.of(),
                ServerSettings.defaults().withBatching(8, Duration.ofMillis(200)))) {
            var client = new HttpTestClient(batched.port());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                var cells = List.of("top left", "top right", "bottom left", "bottom right", "center", "top center", "bottom center",
                        "middle left");
                var futures = new ArrayList<CompletableFuture<HttpTestClient.Reply>>();
                for (String cell : cells) {
                    futures.add(CompletableFuture.supplyAsync(() -> client.post("/v1/l2a",
                            l2a("Pick the mustard bottle and place it in the " + cell + " of the table")), pool));
                }
                model.entered.await();
                model.open();
                for (int i = 0; i < cells.size(); i++) {
                    var reply = futures.get(i).get();
                    assertThat(reply.status()).isEqualTo(200);
                    String expected = http.post("/v1/l2a", l2a("Pick the mustard bottle and place it in the " + cells.get(i)
                            + " of the table")).raw().body();
                    assertThat(reply.raw().body()).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
            // eight requests, fewer model calls: they waited together
            assertThat(model.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
            assertThat(model.batches).hasSizeLessThan(8);
            assertThat(batched.metrics().exposition()).contains("lacy_batch_size_count " + model.batches.size());
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndNeverQueuesMore() throws Exception {
        var model = new GatedModelTestDouble(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), false);
        try (var small = LacyServer.start(model, LacyPromptFormat.withoutChainOfThought(), "gated", List.of(),
                ServerSettings.defaults().withBatching(1, Duration.ZERO).withQueue(2, 1))) {
            var client = new HttpTestClient(small.port());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                var first = CompletableFuture.supplyAsync(() -> client.post("/v1/l2a", l2a(INSTRUCTION)), pool);
                model.entered.await();
                var waiting = List.of(CompletableFuture.supplyAsync(() -> client.post("/v1/l2a", l2a(INSTRUCTION)), pool),
                        CompletableFuture.supplyAsync(() -> client.post("/v1/l2a", l2a(INSTRUCTION)), pool));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (small.metrics().exposition().contains("lacy_queue_depth 2") == false && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                var refused = client.post("/v1/l2a", l2a(INSTRUCTION));

                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                        assertThat(Long.parseLong(v)).isPositive());
                assertThat(refused.json().path("error").asText()).contains("busy");
                model.open();
                assertThat(first.get().status()).isEqualTo(200);
                for (var w : waiting) {
                    assertThat(w.get().status()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingFinishesTheRequestsInFlightAndRefusesNewOnes() throws Exception {
        var model = new GatedModelTestDouble(new OracleModelTestDouble(ContractScenes.TWO_OBJECTS), false);
        var draining = LacyServer.start(model, LacyPromptFormat.withoutChainOfThought(), "gated", List.of(),
                ServerSettings.defaults());
        var client = new HttpTestClient(draining.port());
        var inFlight = CompletableFuture.supplyAsync(() -> client.post("/v1/l2a", l2a(INSTRUCTION)));
        model.entered.await();
        var closing = CompletableFuture.runAsync(draining::close);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (client.get("/ready").status() != 503 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        var refused = client.post("/v1/l2a", l2a(INSTRUCTION));
        model.open();

        assertThat(refused.status()).isEqualTo(503);
        assertThat(inFlight.get().status()).isEqualTo(200);
        assertThat(inFlight.get().json().path("pick").path("x").asDouble()).isEqualTo(0.3);
        closing.get();
    }
}
