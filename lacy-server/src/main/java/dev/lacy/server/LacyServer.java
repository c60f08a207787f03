package dev.lacy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.client.ImageCodec;
import dev.lacy.client.WireFormat;
import dev.lacy.client.WireFormatException;
import dev.lacy.core.cycle.L2a2lPipeline;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lacy serve}: one model over HTTP (docs/serving.md). The model port's calls ({@code /v1/generate},
 * {@code /v1/score}), LACY's tasks ({@code /v1/l2a}, {@code /v1/a2l}, {@code /v1/l2c}, {@code /v1/cycle}), health,
 * readiness, Prometheus metrics, the OpenAPI description and the playground. Every model call goes through one
 * {@link RequestBatcher}, so that concurrent clients' requests share model calls. Every error is JSON naming the field.
 * Closing drains: new requests are refused (503), those in flight are answered, then the server stops.
 */
public final class LacyServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LacyServer.class.getName());

    private final ServerSettings settings;
    private final ServerMetrics metrics = new ServerMetrics();
    private final RequestBatcher batcher;
    private final Lacy lacy;
    private final PromptFormat format;
    private final String modelName;
    private final Map<String, PlaygroundScene> scenes = new LinkedHashMap<>();
    private final byte[] openApi;
    private final Javalin app;
    private volatile boolean draining;

    private LacyServer(VisionLanguageModel model, PromptFormat format, String modelName, List<PlaygroundScene> scenes,
                       ServerSettings settings, Optional<ClearPlace> clearPlace) {
        this.settings = settings;
        this.format = format;
        this.modelName = modelName;
        this.batcher = new RequestBatcher(model, settings, metrics);
        var held = new Lacy(batcher, format, settings.maxNewTokens());
        this.lacy = clearPlace.map(held::withClearPlaces).orElse(held);
        scenes.forEach(s -> this.scenes.put(s.id(), s));
        this.openApi = resource("openapi.json");
        this.app = Javalin.create(config -> {
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dev/lacy/server/playground";
                files.location = Location.CLASSPATH;
            });
            var routes = config.routes;
            routes.get("/health", ctx -> ctx.json(json().put("status", "ok")));
            routes.get("/ready", this::ready);
            routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            routes.get("/metrics", ctx -> guarded(ctx, "metrics", false, () -> {
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.exposition());
                return null;
            }));
            routes.get("/v1/model", ctx -> guarded(ctx, "model", false, () -> json().put("name", modelName)
                    .put("chainOfThought", format.chainOfThought()).put("groundFirst", format.groundsFirst())
                    .put("pickPhrases", format.pickPhrases())
                    .put("comparisonLine", format.comparisonLine()).put("clearPlaces", clearPlace.isPresent())
                    .put("ready", !draining)));
            routes.get("/v1/scenes", ctx -> guarded(ctx, "scenes", false, this::sceneList));
            routes.get("/v1/scenes/{id}/image", ctx -> guarded(ctx, "scene-image", false, () -> {
                PlaygroundScene scene = this.scenes.get(ctx.pathParam("id"));
                if (scene == null) {
                    throw new ApiException(404, "id", "no scene '" + ctx.pathParam("id") + "'");
                }
                ctx.contentType("image/png").result(ImageCodec.png(scene.image()));
                return null;
            }));
            routes.post("/v1/generate", ctx -> guarded(ctx, "generate", true,
                    () -> WireFormat.completions(batcher.generate(WireFormat.generation(RequestInput.body(ctx))))));
            routes.post("/v1/score", ctx -> guarded(ctx, "score", true,
                    () -> WireFormat.logits(batcher.scoreBinaryChoice(WireFormat.score(RequestInput.body(ctx))))));
            routes.post("/v1/l2a", ctx -> guarded(ctx, "l2a", true, () -> {
                RequestInput in = RequestInput.of(ctx);
                return TaskReplies.action(lacy.l2a(in.image(), WireFormat.text(in.fields(), "instruction", WireFormat.MAX_TEXT)));
            }));
            routes.post("/v1/a2l", ctx -> guarded(ctx, "a2l", true, () -> {
                RequestInput in = RequestInput.of(ctx);
                var action = new PickPlaceAction(TaskReplies.point(in.fields(), "pick"), TaskReplies.point(in.fields(), "place"));
                return TaskReplies.description(lacy.a2l(in.image(), action));
            }));
            routes.post("/v1/l2c", ctx -> guarded(ctx, "l2c", true, () -> {
                RequestInput in = RequestInput.of(ctx);
                return TaskReplies.consistency(lacy.l2c(in.image(), WireFormat.text(in.fields(), "first", WireFormat.MAX_TEXT),
                        WireFormat.text(in.fields(), "second", WireFormat.MAX_TEXT)));
            }));
            routes.post("/v1/cycle", ctx -> guarded(ctx, "cycle", true, () -> {
                RequestInput in = RequestInput.of(ctx);
                return TaskReplies.cycle(new L2a2lPipeline(lacy).run(in.image(),
                        WireFormat.text(in.fields(), "instruction", WireFormat.MAX_TEXT)));
            }));
            // what Jetty or Javalin refuse before a handler runs (a body over the limit, an unknown path) is JSON too
            routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 404) {
                    error(ctx, 404, "path", "no endpoint " + ctx.method() + " " + ctx.path());
                } else {
                    error(ctx, e.getStatus(), "body", e.getMessage());
                }
            });
        });
        app.start();
    }

    /**
     * Serves {@code model} (prompted as {@code format}) until {@link #close()}; {@code scenes} are what the playground
     * offers. The caller keeps owning the model and closes it after the server.
     */
    public static LacyServer start(VisionLanguageModel model, PromptFormat format, String modelName,
                                   List<PlaygroundScene> scenes, ServerSettings settings) {
        return start(model, format, modelName, scenes, settings, Optional.empty());
    }

    /**
     * As above, with every L2A answer's place point held clear of what its completion's grounding sentence lists where
     * {@code clearPlace} is given ({@link Lacy#withClearPlaces}; {@code GET /v1/model} says so).
     */
    public static LacyServer start(VisionLanguageModel model, PromptFormat format, String modelName,
                                   List<PlaygroundScene> scenes, ServerSettings settings, Optional<ClearPlace> clearPlace) {
        return new LacyServer(model, format, modelName, scenes, settings, clearPlace);
    }

    public int port() {
        return app.port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** What the handler of a {@code /v1} endpoint computes: a JSON answer, or null when it wrote its own. */
    private interface Answer {
        Object compute() throws IOException;
    }

    /**
     * Runs an endpoint: refused while draining (503) or without the bearer token (401); an answer or a JSON error;
     * counted in the metrics with its status and time.
     */
    private void guarded(Context ctx, String endpoint, boolean modelCall, Answer answer) {
        long start = System.nanoTime();
        metrics.started();
        try {
            if (draining && modelCall) {
                throw new ApiException(503, "server", "the server is shutting down");
            }
            requireToken(ctx);
            if (ctx.contentLength() > settings.maxBodyBytes()) {
                RequestInput.discardBody(ctx);
                throw new ApiException(413, "body", ctx.contentLength() + " bytes; at most " + settings.maxBodyBytes());
            }
            Object result = answer.compute();
            if (result instanceof JsonNode node) {
                ctx.status(200).contentType("application/json").result(node.toString());
            }
        } catch (ApiException e) {
            error(ctx, e.status(), e.field(), e.getMessage());
        } catch (WireFormatException e) {
            error(ctx, 400, e.field(), e.getMessage());
        } catch (ServerBusyException e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            error(ctx, 429, "server", e.getMessage());
        } catch (HttpResponseException e) {
            error(ctx, e.getStatus(), "body", e.getMessage());
        } catch (IllegalArgumentException e) {
            // what the core refuses (a prompt too long for the model's context, an instruction it cannot take)
            error(ctx, 422, "body", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, endpoint + " failed", e);
            error(ctx, e.getMessage() != null && e.getMessage().contains("did not answer within") ? 503 : 500, "server",
                    String.valueOf(e.getMessage()));
        } finally {
            metrics.finished();
            metrics.request(endpoint, ctx.statusCode(), (System.nanoTime() - start) / 1e9);
        }
    }

    private void requireToken(Context ctx) {
        if (settings.token().isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] expected = ("Bearer " + settings.token().get()).getBytes(StandardCharsets.UTF_8);
        if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "Authorization", "a bearer token is required (Authorization: Bearer <token>)");
        }
    }

    private void ready(Context ctx) {
        if (draining) {
            ctx.status(503).json(json().put("ready", false).put("reason", "shutting down"));
        } else {
            ctx.json(json().put("ready", true).put("model", modelName));
        }
    }

    private JsonNode sceneList() {
        var list = WireFormat.json().createArrayNode();
        scenes.values().forEach(s -> list.addObject().put("id", s.id()).put("kind", s.kind()).put("instruction", s.instruction())
                .put("image", "/v1/scenes/" + s.id() + "/image"));
        return list;
    }

    private static void error(Context ctx, int status, String field, String message) {
        ctx.status(status).contentType("application/json").result(json().put("error", message).put("field", field).toString());
    }

    private static ObjectNode json() {
        return WireFormat.json().createObjectNode();
    }

    private static byte[] resource(String name) {
        try (InputStream in = LacyServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the server's " + name + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server's " + name, e);
        }
    }

    /** Drains and stops: no new model requests (503), those in flight answered (at most 30 s), then the server stops. */
    @Override
    public void close() {
        draining = true;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
        batcher.close();
    }
}
