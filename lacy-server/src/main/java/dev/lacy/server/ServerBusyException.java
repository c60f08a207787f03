package dev.lacy.server;

/** The request queue is full: the client should come back after {@code retryAfterSeconds} (HTTP 429). */
public final class ServerBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public ServerBusyException(int queued, long retryAfterSeconds) {
        super("the server is busy: " + queued + " requests are waiting; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
