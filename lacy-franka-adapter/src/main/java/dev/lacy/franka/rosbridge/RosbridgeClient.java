package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A rosbridge v2 client: JSON over one WebSocket. Every request carries an id; replies
 * ({@code service_response}, {@code action_feedback}, {@code action_result}, error {@code status}
 * messages) are matched to it, and topic messages go to their subscribers.
 *
 * <p>When the connection drops, every open request fails with {@link RosbridgeException.Disconnected};
 * the next request reconnects and re-subscribes every open subscription. Requests that time out
 * fail with {@link RosbridgeException.Timeout}; an action goal that times out is cancelled through a second
 * connection (rosbridge handles a connection's messages in order, and by default a goal holds its connection until
 * it ends), and the timeout says whether the goal's end was confirmed.
 *
 * <p>Thread-safe: requests may come from several threads; listeners run on the WebSocket's thread
 * and must return quickly.
 */
public final class RosbridgeClient implements AutoCloseable {

    private final URI uri;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();
    private final PendingReplies replies = new PendingReplies();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Object cancelsLock = new Object();
    private final RosbridgeConnection connection;
    private volatile boolean closed;
    private RosbridgeClient cancels;
    private final String token = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    private RosbridgeClient(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.connection = new RosbridgeConnection(uri, timeout, this::dispatch,
                cause -> failAll(new RosbridgeException.Disconnected("the connection to rosbridge at " + uri + " dropped", cause)),
                () -> new ArrayList<>(subscriptions.values()).forEach(this::sendSubscribe));
    }

    /** Connects to rosbridge at {@code uri} ({@code ws://HOST:9090}), failing within {@code timeout}. */
    public static RosbridgeClient connect(URI uri, Duration timeout) {
        if (uri == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("rosbridge address '" + uri + "' is not ws://HOST:PORT or wss://HOST:PORT");
        }
        var client = new RosbridgeClient(uri, timeout);
        client.connection.ensureConnected();
        return client;
    }

    public URI uri() {
        return uri;
    }

    /** Calls a service and returns its response values; a {@code result: false} is {@link RosbridgeException.ServiceFailed}. */
    public JsonNode callService(String service, String type, ObjectNode args) {
        String id = nextId("call_service");
        ObjectNode request = json.createObjectNode().put("op", "call_service").put("id", id).put("service", service)
                .put("type", type);
        request.set("args", args);
        JsonNode response = await(id, request, timeout, "service " + service);
        if (!response.path("result").asBoolean(false)) {
            throw new RosbridgeException.ServiceFailed(service, response.path("values").toString());
        }
        return response.path("values");
    }

    /**
     * Sends an action goal, passes feedback to {@code onFeedback}, and returns the result once the
     * goal ends. A goal that ends other than succeeded is {@link RosbridgeException.ActionFailed}; one
     * that outlasts {@code limit} is cancelled and {@link RosbridgeException.Timeout}.
     */
    public ActionResult sendActionGoal(String action, String actionType, ObjectNode goal, Consumer<JsonNode> onFeedback,
                                       Duration limit) {
        String id = nextId("send_action_goal");
        ObjectNode request = json.createObjectNode().put("op", "send_action_goal").put("id", id).put("action", action)
                .put("action_type", actionType).put("feedback", true);
        request.set("args", goal);
        replies.onFeedback(id, onFeedback);
        try {
            JsonNode message = await(id, request, limit, "action " + action, reply -> stopped(action, id, limit, reply));
            var result = new ActionResult(message.path("status").asInt(0), message.path("result").asBoolean(false),
                    message.path("values"));
            if (!result.succeeded()) {
                throw new RosbridgeException.ActionFailed(action, result);
            }
            return result;
        } finally {
            replies.stopFeedback(id);
        }
    }

    /**
     * A goal outlasted its limit: cancel it through a connection of its own and wait (the client's timeout) for the
     * goal's end. rosbridge handles one connection's messages in order, and with its default
     * {@code send_action_goals_in_new_thread:=false} a goal holds its connection until it ends: a cancel sent on
     * the goal's connection would be read only after the goal is over. A second connection has its own queue, and
     * rosbridge finds the goal by id whichever connection the cancel comes on.
     */
    private RosbridgeException.Timeout stopped(String action, String id, Duration limit, CompletableFuture<JsonNode> reply) {
        String late = "action " + action + " did not end within " + limit.toMillis() + " ms through rosbridge at " + uri;
        try {
            cancelChannel().cancelActionGoal(action, id);
        } catch (RosbridgeException e) {
            return new RosbridgeException.Timeout(late + "; the cancel could not be sent (" + e.getMessage()
                    + "): the robot may still be moving");
        }
        try {
            JsonNode end = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = end.path("status").asInt(0);
            return new RosbridgeException.Timeout(late + "; cancelled, and the goal ended with status "
                    + new ActionResult(status, false, end.path("values")).statusName() + (status == ActionResult.STATUS_CANCELED ? ": the motion was stopped" : ""));
        } catch (TimeoutException | ExecutionException e) {
            return new RosbridgeException.Timeout(late + "; cancelled, but the goal's end was not confirmed within "
                    + timeout.toMillis() + " ms: the robot may still be moving");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RosbridgeException.Timeout(late + "; cancelled, interrupted before its end was confirmed: the robot "
                    + "may still be moving");
        }
    }

    /** The connection cancels go on, opened when first needed. */
    private RosbridgeClient cancelChannel() {
        synchronized (cancelsLock) {
            if (cancels == null) {
                cancels = connect(uri, timeout);
            }
            return cancels;
        }
    }

    /** Asks the server to cancel an in-progress goal. */
    public void cancelActionGoal(String action, String goalId) {
        send(json.createObjectNode().put("op", "cancel_action_goal").put("id", goalId).put("action", action));
    }

    /** Subscribes to a topic; closing the subscription unsubscribes. */
    public Subscription subscribe(String topic, String type, Consumer<JsonNode> listener) {
        var subscription = new Subscription(nextId("subscribe:" + topic), topic, type, listener);
        subscriptions.put(subscription.id(), subscription);
        sendSubscribe(subscription);
        return subscription;
    }

    /** Advertises a topic so that this client may publish on it. */
    public void advertise(String topic, String type) {
        send(json.createObjectNode().put("op", "advertise").put("id", nextId("advertise:" + topic))
                .put("topic", topic).put("type", type));
    }

    public void publish(String topic, JsonNode message) {
        ObjectNode request = json.createObjectNode().put("op", "publish").put("topic", topic);
        request.set("msg", message);
        send(request);
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
        RosbridgeClient side;
        synchronized (cancelsLock) {
            side = cancels;
        }
        if (side != null) {
            side.close();
        }
        failAll(new RosbridgeException.Disconnected("the rosbridge client was closed", null));
    }

    /** A subscription to one topic; {@link #close()} unsubscribes. */
    public final class Subscription implements AutoCloseable {
        private final String id;
        private final String topic;
        private final String type;
        private final Consumer<JsonNode> listener;

        private Subscription(String id, String topic, String type, Consumer<JsonNode> listener) {
            this.id = id;
            this.topic = topic;
            this.type = type;
            this.listener = listener;
        }

        public String id() {
            return id;
        }

        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            if (subscriptions.remove(id) != null && !closed) {
                send(json.createObjectNode().put("op", "unsubscribe").put("id", id).put("topic", topic));
            }
        }
    }

    private void sendSubscribe(Subscription subscription) {
        send(json.createObjectNode().put("op", "subscribe").put("id", subscription.id).put("topic", subscription.topic)
                .put("type", subscription.type));
    }

    private JsonNode await(String id, ObjectNode request, Duration limit, String what) {
        return await(id, request, limit, what, reply -> new RosbridgeException.Timeout("no answer from " + what
                + " through rosbridge at " + uri + " within " + limit.toMillis() + " ms"));
    }

    /**
     * Sends {@code request} and waits up to {@code limit} for the reply with its id; past the limit, the exception
     * {@code late} makes of the still pending reply is thrown.
     */
    private JsonNode await(String id, ObjectNode request, Duration limit, String what,
                           java.util.function.Function<CompletableFuture<JsonNode>, RosbridgeException> late) {
        var reply = replies.expect(id, request.path("service").asText(request.path("action").asText(id)));
        try {
            send(request);
            return reply.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw late.apply(reply);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RosbridgeException cause) {
                throw cause;
            }
            throw new RosbridgeException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RosbridgeException("interrupted while waiting for " + what, e);
        } finally {
            replies.forget(id);
        }
    }

    private void send(ObjectNode message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a rosbridge message: " + e.getMessage(), e);
        }
        connection.send(text);
    }

    private void failAll(RosbridgeException error) {
        replies.failAll(error);
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        String op = message.path("op").asText("");
        if (op.equals("publish")) {
            subscriptions.values().stream()
                    .filter(s -> s.topic.equals(message.path("topic").asText()))
                    .forEach(s -> s.listener.accept(message.path("msg")));
        } else {
            // replies to requests; other operations (e.g. png fragments) are never requested by this client
            replies.route(op, message.path("id").asText(""), message);
        }
    }

    /** Unique across clients too: rosbridge finds a goal to cancel by its id among every connection's goals. */
    private String nextId(String what) {
        return what + ":" + token + ":" + ids.incrementAndGet();
    }
}
