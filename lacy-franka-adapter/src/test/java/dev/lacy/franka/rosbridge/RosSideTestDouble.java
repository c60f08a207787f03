package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A test double of the ROS 2 side behind rosbridge, in process: a WebSocket server on a loopback
 * port that records every message and lets a handler answer with rosbridge messages.
 */
public final class RosSideTestDouble implements AutoCloseable {

    /** Answers one client message; {@code reply} sends a rosbridge message back to that client. */
    public interface Handler {
        void handle(JsonNode message, Consumer<ObjectNode> reply);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Integer> connections = new CopyOnWriteArrayList<>();
    private final Server server;
    private final Object arrivals = new Object();

    public RosSideTestDouble(Handler handler) {
        server = new Server(handler);
        server.setReuseAddr(true);
        server.start();
        server.started.join();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The operations received, as {@code op target} (service, action or topic). */
    public List<String> operations() {
        return received.stream().map(m -> m.path("op").asText() + " " + m.path("service").asText(
                m.path("action").asText(m.path("topic").asText()))).toList();
    }

    /**
     * Waits (at most 2 s) until an operation has arrived. Messages on one connection arrive in the
     * order sent, so after it every earlier message of that connection has arrived too.
     */
    public void awaitOperation(String operation) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (arrivals) {
            while (!operations().contains(operation)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("'" + operation + "' did not arrive within 2 s; got " + operations());
                }
                try {
                    arrivals.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** How many connections were opened so far. */
    public int connectionsOpened() {
        return connections.size();
    }

    /** Drops every open connection, as a network failure would. */
    public void dropConnections() {
        server.getConnections().forEach(c -> c.closeConnection(1006, "dropped by the test"));
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Server extends WebSocketServer {
        private final Handler handler;
        private final CompletableFuture<Void> started = new CompletableFuture<>();

        Server(Handler handler) {
            super(new InetSocketAddress("127.0.0.1", 0));
            this.handler = handler;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.add(1);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            // nothing to clean up: the double keeps no per-connection state
        }

        @Override
        public void onMessage(WebSocket conn, String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            received.add(message);
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
            handler.handle(message, reply -> {
                if (conn.isOpen()) {
                    conn.send(reply.toString());
                }
            });
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (!started.isDone()) {
                started.completeExceptionally(ex);
            }
        }

        @Override
        public void onStart() {
            started.complete(null);
        }
    }
}
