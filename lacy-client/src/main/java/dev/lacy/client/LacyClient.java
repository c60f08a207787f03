package dev.lacy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.VisionLanguageModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A model served by {@code lacy serve}, as the {@link VisionLanguageModel} port: each call is one HTTP request
 * ({@code POST /v1/generate}, {@code POST /v1/score}), which the server may batch with other clients' requests; the
 * answers are those of the served model. A server that is busy (429) is asked again after its {@code Retry-After}, at
 * most {@link #ATTEMPTS} times in all. A request the server refuses (4xx) throws {@link IllegalArgumentException} with
 * the server's message; an unreachable or failing server (5xx) {@link IllegalStateException}.
 *
 * <p>Thread-safe: calls from several threads go out concurrently (so that the server can batch them).
 */
public final class LacyClient implements VisionLanguageModel {

    /** How often one call is tried while the server answers 429. */
    public static final int ATTEMPTS = 8;

    private final URI base;
    private final Optional<String> token;
    private final Duration timeout;
    private final HttpClient http;
    private volatile boolean closed;

    private LacyClient(URI base, Optional<String> token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client of the server at {@code base} (e.g. {@code http://localhost:8080}); connects at the first call. */
    public static LacyClient of(URI base, Optional<String> token) {
        return new LacyClient(base, token, Duration.ofMinutes(2));
    }

    /** As {@link #of(URI, Optional)}, each call given up after {@code timeout}. */
    public static LacyClient of(URI base, Optional<String> token, Duration timeout) {
        return new LacyClient(base, token, timeout);
    }

    /** What the server serves: {@code name}, {@code chainOfThought}, {@code groundFirst} and {@code pickPhrases} ({@code GET /v1/model}). */
    public JsonNode model() {
        return call("GET", "/v1/model", null);
    }

    @Override
    public List<String> generate(GenerationRequest request) {
        return WireFormat.completions(call("POST", "/v1/generate", WireFormat.generation(request)));
    }

    @Override
    public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
        return WireFormat.logits(call("POST", "/v1/score", WireFormat.score(request)));
    }

    @Override
    public void close() {
        closed = true;
    }

    private JsonNode call(String method, String path, ObjectNode body) {
        if (closed) {
            throw new IllegalStateException("the LACY client of " + base + " is closed");
        }
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (unsent(e) && attempt < ATTEMPTS) {
                    // the connection closed before a byte of answer came back: HTTP/1.1's keep-alive race (the server
                    // never saw the request), or, rarely, an answer lost with its connection; every call of the API is
                    // free of side effects, so send it again
                    continue;
                }
                throw new IllegalStateException("the LACY server at " + base + " cannot be reached: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the LACY server at " + base, e);
            }
            int status = response.statusCode();
            if (status == 429 && attempt < ATTEMPTS) {
                pause(response.headers().firstValue("Retry-After").map(LacyClient::seconds).orElse(1L));
                continue;
            }
            JsonNode reply = parse(response.body(), status);
            if (status >= 200 && status < 300) {
                return reply;
            }
            String message = path + " answered " + status + ": " + reply.path("error").asText(response.body());
            if (status >= 400 && status < 500) {
                throw new IllegalArgumentException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    /** The request went out on a connection the server had closed: no byte of an answer came back. */
    public static boolean unsent(IOException e) {
        return !(e instanceof java.net.http.HttpTimeoutException) && e.getMessage() != null
                && e.getMessage().contains("header parser received no bytes");
    }

    private JsonNode parse(String body, int status) {
        try {
            return WireFormat.json().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the LACY server at " + base + " answered " + status + " with no JSON: "
                    + body.substring(0, Math.min(200, body.length())), e);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Math.min(30, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Math.max(50, seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the LACY server was busy", e);
        }
    }
}
