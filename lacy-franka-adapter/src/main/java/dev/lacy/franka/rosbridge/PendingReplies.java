package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The requests a rosbridge client waits on, by id: each reply ({@code service_response}, {@code action_result}, an
 * error {@code status}) completes its request's future, each {@code action_feedback} goes to its goal's listener.
 * Thread-safe: requests register from any thread, replies arrive on the WebSocket's.
 */
final class PendingReplies {

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> feedback = new ConcurrentHashMap<>();
    /** What each pending request addresses (its service or action), for errors that name only the id. */
    private final Map<String, String> targets = new ConcurrentHashMap<>();

    /** The future of request {@code id}, which addresses {@code target}; {@link #forget} it once answered or abandoned. */
    CompletableFuture<JsonNode> expect(String id, String target) {
        var reply = new CompletableFuture<JsonNode>();
        pending.put(id, reply);
        targets.put(id, target);
        return reply;
    }

    void forget(String id) {
        pending.remove(id);
        targets.remove(id);
    }

    /** Feedback of goal {@code id} goes to {@code listener} until {@link #stopFeedback}. */
    void onFeedback(String id, Consumer<JsonNode> listener) {
        feedback.put(id, listener);
    }

    void stopFeedback(String id) {
        feedback.remove(id);
    }

    /** Routes a message that answers a request; other operations are left alone. */
    void route(String op, String id, JsonNode message) {
        switch (op) {
            case "service_response", "action_result" -> {
                CompletableFuture<JsonNode> future = pending.get(id);
                if (future != null) {
                    future.complete(message);
                }
            }
            case "action_feedback" -> {
                Consumer<JsonNode> listener = feedback.get(id);
                if (listener != null) {
                    listener.accept(message.path("values"));
                }
            }
            case "status" -> {
                CompletableFuture<JsonNode> future = pending.get(id);
                if ("error".equals(message.path("level").asText()) && future != null) {
                    future.completeExceptionally(new RosbridgeException.ServiceFailed(targets.getOrDefault(id, id),
                            "rosbridge reported: " + message.path("msg").asText()));
                }
            }
            default -> {
                // not an answer to a request
            }
        }
    }

    /** Fails every request still waiting (the connection dropped, or the client closed). */
    void failAll(RosbridgeException error) {
        List<CompletableFuture<JsonNode>> open = new ArrayList<>(pending.values());
        open.forEach(f -> f.completeExceptionally(error));
    }
}
