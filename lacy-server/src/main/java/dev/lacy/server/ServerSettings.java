package dev.lacy.server;

import java.time.Duration;
import java.util.Optional;

/**
 * How {@code lacy serve} runs.
 *
 * @param host           the address to bind; {@code 127.0.0.1} (this machine only) unless told otherwise
 * @param port           the port; 0 for any free one
 * @param maxBatch       the most requests in one model call (1: unbatched)
 * @param maxWait        how long the first request of a batch waits for others
 * @param queueCapacity  the most requests waiting; more are answered 429
 * @param workers        model calls in flight at once
 * @param maxBodyBytes   the largest request body; larger ones are answered 413
 * @param requestTimeout how long a request waits for the model before it is answered 503
 * @param token          a bearer token every {@code /v1} and {@code /metrics} request must carry, if any
 * @param maxNewTokens   the token budget of a task's answer
 */
public record ServerSettings(String host, int port, int maxBatch, Duration maxWait, int queueCapacity, int workers,
                             long maxBodyBytes, Duration requestTimeout, Optional<String> token, int maxNewTokens) {

    public static final long DEFAULT_MAX_BODY = 8L * 1024 * 1024;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (maxBatch < 1 || queueCapacity < 1 || workers < 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("max batch, queue capacity, workers and max new tokens must be positive, got "
                    + maxBatch + ", " + queueCapacity + ", " + workers + ", " + maxNewTokens);
        }
        if (maxWait.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero() || maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max wait must be >= 0, the request timeout > 0 and the body limit >= 1 KiB");
        }
        token.ifPresent(t -> {
            if (t.isBlank()) {
                throw new IllegalArgumentException("the bearer token is empty");
            }
        });
    }

    /** Localhost, any port, batches of up to 16 waiting at most 5 ms, 64 waiting, one model call at a time. */
    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 0, 16, Duration.ofMillis(5), 64, 1, DEFAULT_MAX_BODY, Duration.ofSeconds(120),
                Optional.empty(), 200);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBatch, maxWait, queueCapacity, workers, maxBodyBytes, requestTimeout, token,
                maxNewTokens);
    }

    public ServerSettings withBatching(int newMaxBatch, Duration newMaxWait) {
        return new ServerSettings(host, port, newMaxBatch, newMaxWait, queueCapacity, workers, maxBodyBytes, requestTimeout, token,
                maxNewTokens);
    }

    public ServerSettings withQueue(int newCapacity, int newWorkers) {
        return new ServerSettings(host, port, maxBatch, maxWait, newCapacity, newWorkers, maxBodyBytes, requestTimeout, token,
                maxNewTokens);
    }

    public ServerSettings withToken(Optional<String> newToken) {
        return new ServerSettings(host, port, maxBatch, maxWait, queueCapacity, workers, maxBodyBytes, requestTimeout, newToken,
                maxNewTokens);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxBatch, maxWait, queueCapacity, workers, maxBodyBytes, requestTimeout, token,
                maxNewTokens);
    }

    public ServerSettings withLimits(long newMaxBodyBytes, Duration newTimeout) {
        return new ServerSettings(host, port, maxBatch, maxWait, queueCapacity, workers, newMaxBodyBytes, newTimeout, token,
                maxNewTokens);
    }
}
