package dev.lacy.sim.coppeliasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A client of CoppeliaSim's ZeroMQ remote API, protocol version 2 (CoppeliaSim 4.6 and later).
 *
 * <p>Each call sends one CBOR map {@code {func, args, uuid, ver, lang, argsL}} on a REQ socket and
 * reads replies until it gets {@code {ret: [...]}} or {@code {err: ...}}. A function that returns nothing is
 * answered {@code {ret: {}}}: the server's CBOR encoder writes an empty Lua table as an empty map. The server may
 * first answer {@code _*wait*_} (the client acknowledges with {@code _*executed*_} and waits again) or
 * {@code _*repeat*_} (the server was busy: the client sends the last message it sent again, which may be an
 * {@code _*executed*_}). The first message of a connection carries {@code timeout}, which the server reads as
 * the idle seconds after which it forgets this client and its stepping mode (not as a reply timeout). A v1 server,
 * which answers {@code {success, ...}}, is refused naming the version. A REQ socket cannot send after
 * a lost reply, so a receive timeout closes the socket, opens a new one and surfaces
 * {@link RemoteApiException.Timeout}. Closing sends {@code _*end*_} so that the server frees this
 * client's state.
 *
 * <p>Thread-safe: calls are serialized, as the protocol requires on one socket.
 */
public final class RemoteApiClient implements AutoCloseable {

    public static final int PROTOCOL_VERSION = 2;
    static final String WAIT = "_*wait*_";
    static final String REPEAT = "_*repeat*_";
    static final String EXECUTED = "_*executed*_";
    static final String END = "_*end*_";

    private final String endpoint;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final ZContext context = new ZContext();
    private final CBORMapper cbor = new CBORMapper();
    private final String uuid = UUID.randomUUID().toString();
    private ZMQ.Socket socket;
    private boolean sentFirst;
    private boolean closed;

    private RemoteApiClient(String endpoint, Duration timeout, Duration idleTimeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.idleTimeout = idleTimeout;
        this.socket = openSocket();
    }

    /**
     * A client of the server at {@code endpoint} (e.g. {@code tcp://127.0.0.1:23000}). Connecting is
     * lazy: an unreachable server shows as a timeout on the first call.
     */
    public static RemoteApiClient connect(String endpoint, Duration timeout) {
        return connect(endpoint, timeout, CoppeliaSimConfig.DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * As {@link #connect(String, Duration)}; {@code idleTimeout} is how long the server keeps this client, its
     * stepping mode included, between two calls (whole seconds, at least one).
     */
    public static RemoteApiClient connect(String endpoint, Duration timeout, Duration idleTimeout) {
        if (endpoint == null || !endpoint.matches("tcp://[^:/\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("CoppeliaSim endpoint '" + endpoint + "' is not tcp://HOST:PORT");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
        if (idleTimeout == null || idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " must be at least one second");
        }
        return new RemoteApiClient(endpoint, timeout, idleTimeout);
    }

    public String endpoint() {
        return endpoint;
    }

    /** Calls {@code function} with {@code args} and returns its return values (possibly none). */
    public synchronized List<JsonNode> call(String function, List<?> args) {
        requireOpen();
        Map<String, Object> last = request(function, args);
        send(last, function);
        while (true) {
            JsonNode reply = receive(function);
            if (reply.has("success")) {
                throw new RemoteApiException.UnsupportedVersion("the server at " + endpoint
                        + " speaks version 1 of the ZeroMQ remote API; this client needs version " + PROTOCOL_VERSION
                        + " (CoppeliaSim 4.6 or later)");
            }
            JsonNode control = reply.get("func");
            if (control != null) {
                if (REPEAT.equals(control.asText())) {
                    // the server was busy: what it did not take is the last message, the call or an acknowledgement
                    send(last, function);
                } else {
                    // _*wait*_, or a callback this client does not offer: acknowledge and go on waiting
                    last = request(EXECUTED, List.of());
                    send(last, function);
                }
                continue;
            }
            if (reply.has("err")) {
                JsonNode error = reply.get("err");
                throw new RemoteApiException.CallFailed(function, error.isTextual() ? error.asText() : error.toString());
            }
            JsonNode ret = reply.get("ret");
            if (ret != null && ret.isObject() && ret.isEmpty()) {
                // no return values: an empty Lua table, which the server's CBOR encoder writes as a map
                return List.of();
            }
            if (ret == null || !ret.isArray()) {
                throw new RemoteApiException("the reply to " + function + " has neither 'ret' nor 'err': " + reply);
            }
            var values = new ArrayList<JsonNode>(ret.size());
            ret.forEach(values::add);
            return values;
        }
    }

    /** Calls a function that returns one value. */
    public JsonNode callForValue(String function, Object... args) {
        List<JsonNode> values = call(function, List.of(args));
        if (values.isEmpty()) {
            throw new RemoteApiException(function + " returned nothing where a value was expected");
        }
        return values.get(0);
    }

    /** Loads a module on the server ({@code zmqRemoteApi.require}) and lists its functions and constants. */
    public RemoteModule require(String module) {
        call("zmqRemoteApi.require", List.of(module));
        JsonNode info = callForValue("zmqRemoteApi.info", module);
        var functions = new HashSet<String>();
        var constants = new HashMap<String, JsonNode>();
        for (Map.Entry<String, JsonNode> entry : info.properties()) {
            if (entry.getValue().has("func")) {
                functions.add(entry.getKey());
            } else if (entry.getValue().has("const")) {
                constants.put(entry.getKey(), entry.getValue().get("const"));
            }
        }
        return new RemoteModule(module, functions, constants);
    }

    /** Says goodbye with {@code _*end*_} (waiting briefly for the answer) and releases the socket. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.setReceiveTimeOut((int) Math.min(timeout.toMillis(), 1000));
            if (socket.send(cbor.writeValueAsBytes(request(END, List.of())))) {
                socket.recv();
            }
        } catch (IOException | RuntimeException e) {
            // the server may be gone already; there is nobody left to tell
        } finally {
            context.close();
        }
    }

    private Map<String, Object> request(String function, List<?> args) {
        var request = new LinkedHashMap<String, Object>();
        request.put("func", function);
        request.put("args", args);
        request.put("uuid", uuid);
        request.put("ver", PROTOCOL_VERSION);
        request.put("lang", "java");
        request.put("argsL", args.size());
        if (!sentFirst) {
            request.put("timeout", idleTimeout.toSeconds());
        }
        return request;
    }

    private void send(Map<String, Object> request, String function) {
        byte[] bytes;
        try {
            bytes = cbor.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalArgumentException("the arguments of " + function + " cannot be encoded as CBOR: " + e.getMessage(), e);
        }
        if (!socket.send(bytes)) {
            throw new RemoteApiException("cannot send " + function + " to " + endpoint);
        }
        sentFirst = true;
    }

    private JsonNode receive(String function) {
        byte[] bytes = socket.recv();
        if (bytes == null) {
            socket.close();
            socket = openSocket();
            sentFirst = false;
            throw new RemoteApiException.Timeout("no reply from CoppeliaSim at " + endpoint + " within "
                    + timeout.toMillis() + " ms to " + function + " (is CoppeliaSim running there with its ZeroMQ"
                    + " remote API?); the connection was reset for the next call");
        }
        try {
            JsonNode reply = cbor.readTree(bytes);
            if (reply == null || !reply.isObject()) {
                throw new RemoteApiException("the reply to " + function + " is not a CBOR map");
            }
            return reply;
        } catch (IOException e) {
            throw new RemoteApiException("the reply to " + function + " is not valid CBOR: " + e.getMessage(), e);
        }
    }

    private ZMQ.Socket openSocket() {
        ZMQ.Socket fresh = context.createSocket(SocketType.REQ);
        fresh.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        fresh.setSendTimeOut((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        fresh.setLinger(0);
        fresh.connect(endpoint);
        return fresh;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the CoppeliaSim client is closed");
        }
    }
}
