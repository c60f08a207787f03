package dev.lacy.sim.coppeliasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * A test double of CoppeliaSim's remote API server, in process: a ROUTER socket on a loopback port
 * that decodes each CBOR request, records it, and answers what its handler says (or nothing, to
 * simulate a lost reply). {@code _*end*_} is always answered (with an empty map, as the server's
 * {@code zmqRemoteApi.send({})} is).
 *
 * <p>Replies are encoded as the server's CBOR library encodes Lua values (CoppeliaRobotics/zmqRemoteApi,
 * {@code addOns/ZMQ remote API server.lua}, and its {@code simCBOR}): a Lua table is an array only when it has
 * elements, so the return values of a function that returns nothing, an empty table, are an empty
 * <em>map</em> ({@link #ret()} with no values); integers stay integers; a float is written in the shortest
 * width that holds it exactly (here at least 32 bits: Jackson writes no half floats); buffers are byte strings.
 */
public final class RemoteApiPeerTestDouble implements AutoCloseable {

    /** The reply to one request, as a Java value encoded to CBOR; empty to drop the reply. */
    public interface Handler extends Function<JsonNode, Optional<Object>> {
    }

    private final CBORMapper cbor = CBORMapper.builder().enable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS).build();
    private final ZContext context = new ZContext();
    private final String endpoint;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public RemoteApiPeerTestDouble(Handler handler) {
        // a ZeroMQ socket belongs to the thread that uses it: the serving thread creates and binds it
        var bound = new CompletableFuture<String>();
        thread = new Thread(() -> serve(handler, bound), "coppeliasim-peer");
        thread.setDaemon(true);
        thread.start();
        endpoint = bound.join();
    }

    public String endpoint() {
        return endpoint;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> functions() {
        return requests.stream().map(r -> r.get("func").asText()).toList();
    }

    private void serve(Handler handler, CompletableFuture<String> bound) {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setReceiveTimeOut(20);
        bound.complete("tcp://127.0.0.1:" + router.bindToRandomPort("tcp://127.0.0.1"));
        while (running) {
            // waits at most 20 ms, so that close() is noticed promptly
            ZMsg message = ZMsg.recvMsg(router, true);
            if (message == null) {
                continue;
            }
            byte[] identity = message.pop().getData();
            message.pop();
            byte[] payload = message.pop().getData();
            JsonNode request;
            try {
                request = cbor.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            requests.add(request);
            Optional<Object> reply = RemoteApiClient.END.equals(request.get("func").asText())
                    ? Optional.of(Map.of()) : handler.apply(request);
            if (reply.isPresent()) {
                var out = new ZMsg();
                out.add(identity);
                out.add(new byte[0]);
                try {
                    out.add(cbor.writeValueAsBytes(reply.get()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.send(router);
            }
        }
        router.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }

    /** The reply of a function returning {@code values}; with none, {@code {"ret": {}}}, an empty Lua table as the server encodes it. */
    static Map<String, Object> ret(Object... values) {
        return Map.of("ret", values.length == 0 ? Map.of() : List.of(values));
    }

    static Map<String, Object> err(String message) {
        return Map.of("err", message);
    }
}
