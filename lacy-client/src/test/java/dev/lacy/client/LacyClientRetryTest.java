package dev.lacy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1's keep-alive race, staged with a raw socket: the server closes connections without a byte of answer (as a
 * server closing an idle pooled connection does the moment a request goes out on it). The client sends the request
 * again, and gives up with a clear error when every try is closed.
 */
class LacyClientRetryTest {

    /** Closes the first {@code closed} connections after reading their request, then answers {@code /v1/model}. */
    private static Thread server(ServerSocket socket, int closed, AtomicInteger requests) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    try (Socket connection = socket.accept()) {
                        readRequest(connection.getInputStream());
                        if (requests.incrementAndGet() > closed) {
                            byte[] body = "{\"name\":\"m\"}".getBytes(StandardCharsets.UTF_8);
                            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            connection.getOutputStream().write(body);
                            connection.getOutputStream().flush();
                        }
                    }
                }
            } catch (IOException e) {
                // the socket was closed: the test is over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void readRequest(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
        }
    }

    @Test
    void aRequestWhoseConnectionClosedWithoutAnAnswerIsSentAgain() throws IOException {
        var requests = new AtomicInteger();
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server(socket, 2, requests);
            try (var client = LacyClient.of(URI.create("http://127.0.0.1:" + socket.getLocalPort()), Optional.empty())) {
                assertThat(client.model().path("name").asText()).isEqualTo("m");
            }
        }
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aServerThatNeverAnswersIsAnErrorNamingIt() throws IOException {
        var requests = new AtomicInteger();
        try (var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server(socket, Integer.MAX_VALUE, requests);
            try (var client = LacyClient.of(URI.create("http://127.0.0.1:" + socket.getLocalPort()), Optional.empty())) {
                assertThatThrownBy(client::model).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot be reached").hasMessageContaining("127.0.0.1");
            }
        }
        assertThat(requests.get()).isGreaterThan(1);
    }
}
