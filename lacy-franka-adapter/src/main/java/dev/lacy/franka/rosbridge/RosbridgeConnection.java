package dev.lacy.franka.rosbridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one WebSocket of a {@link RosbridgeClient}: connected on first use and again after a drop ({@code onConnect}
 * runs after each connection, under the send lock, to re-subscribe), one outstanding send at a time, whole text
 * messages passed to {@code onText} on the WebSocket's thread, and a drop (closed by the server, an error, a failed
 * send) reported to {@code onDrop}.
 */
final class RosbridgeConnection {

    private final URI uri;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Object sendLock = new Object();
    private final Consumer<String> onText;
    private final Consumer<Throwable> onDrop;
    private final Runnable onConnect;
    private volatile WebSocket socket;
    private volatile boolean closed;

    RosbridgeConnection(URI uri, Duration timeout, Consumer<String> onText, Consumer<Throwable> onDrop, Runnable onConnect) {
        this.uri = uri;
        this.timeout = timeout;
        this.onText = onText;
        this.onDrop = onDrop;
        this.onConnect = onConnect;
    }

    /** Sends one text message, connecting first if the connection is down. */
    void send(String text) {
        synchronized (sendLock) {
            WebSocket open = ensureConnected();
            try {
                // the JDK's WebSocket allows one outstanding send at a time
                open.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                drop(open, e);
                throw new RosbridgeException.Disconnected("cannot send to rosbridge at " + uri + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RosbridgeException("interrupted while sending to rosbridge", e);
            }
        }
    }

    /** The open WebSocket, connected (and {@code onConnect} run) if it was not. */
    WebSocket ensureConnected() {
        if (closed) {
            throw new IllegalStateException("the rosbridge client is closed");
        }
        WebSocket open = socket;
        if (open != null && !open.isOutputClosed() && !open.isInputClosed()) {
            return open;
        }
        synchronized (sendLock) {
            if (socket != null && !socket.isOutputClosed() && !socket.isInputClosed()) {
                return socket;
            }
            try {
                socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, new Listener())
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RosbridgeException.Disconnected("cannot connect to rosbridge at " + uri
                        + " (is rosbridge_server running?): " + (e.getCause() == null ? e : e.getCause()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RosbridgeException("interrupted while connecting to rosbridge", e);
            }
            onConnect.run();
            return socket;
        }
    }

    private void drop(WebSocket which, Throwable cause) {
        if (socket == which) {
            socket = null;
        }
        which.abort();
        onDrop.accept(cause);
    }

    /** Closes the WebSocket (a close frame, then abort); the connection refuses to connect again. */
    void close() {
        closed = true;
        WebSocket open = socket;
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> null).join();
            open.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onText.accept(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            drop(webSocket, null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            drop(webSocket, error);
        }
    }
}
