package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test double of the ROS 2 side behind rosbridge, in process: a minimal RFC 6455 WebSocket server
 * on a loopback port (one blocking thread per connection, every frame flushed as it is written),
 * that records every message and lets a handler answer with rosbridge messages.
 */
public final class RosSideTestDouble implements AutoCloseable {

    /** Answers one client message; {@code reply} sends a rosbridge message back to that client. */
    public interface Handler {
        void handle(JsonNode message, Consumer<ObjectNode> reply);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Handler handler;
    private final ServerSocket server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();
    private final Thread acceptor;

    public RosSideTestDouble(Handler handler) {
        this.handler = handler;
        try {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "ros-side-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
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

    /** Drops every open connection without a closing handshake, as a network failure would. */
    public void dropConnections() {
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                var thread = new Thread(() -> serve(socket), "ros-side-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            handshake(in, out);
            var message = new ByteArrayOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0f;
                byte[] payload = payload(in);
                if (opcode == 0x8) {
                    write(out, 0x88, new byte[0]);
                    return;
                }
                if (opcode == 0x9) {
                    write(out, 0x8a, payload);
                    continue;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.write(payload);
                    if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        receive(text, out);
                    }
                }
            }
        } catch (IOException e) {
            // the connection was dropped or closed: nothing more to serve
        }
    }

    private void receive(String text, OutputStream out) throws IOException {
        JsonNode message = JSON.readTree(text);
        received.add(message);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        handler.handle(message, reply -> {
            try {
                write(out, 0x81, reply.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        String key = null;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("not a WebSocket handshake");
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Reads one frame's (unmasked) payload; client frames are always masked. */
    private static byte[] payload(InputStream in) throws IOException {
        int second = in.read();
        if (second < 0) {
            throw new EOFException();
        }
        long length = second & 0x7f;
        if (length == 126) {
            byte[] bytes = readFully(in, 2);
            length = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
        } else if (length == 127) {
            byte[] bytes = readFully(in, 8);
            length = 0;
            for (byte b : bytes) {
                length = length << 8 | (b & 0xff);
            }
        }
        byte[] mask = (second & 0x80) != 0 ? readFully(in, 4) : null;
        byte[] data = readFully(in, (int) length);
        if (mask != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] ^= mask[i % 4];
            }
        }
        return data;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException();
        }
        return bytes;
    }

    /** Writes one unmasked frame and flushes it at once. */
    private static void write(OutputStream out, int header, byte[] payload) throws IOException {
        synchronized (out) {
            var frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(header);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >> shift));
                }
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }
    }
}
