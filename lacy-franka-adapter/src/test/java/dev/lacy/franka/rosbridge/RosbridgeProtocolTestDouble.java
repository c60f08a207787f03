package dev.lacy.franka.rosbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * rosbridge_server's threading, as its source has it (RobotWebTools/rosbridge_suite: {@code websocket_handler.py}'s
 * {@code IncomingQueue}, {@code capabilities/send_action_goal.py}, {@code call_service.py}), in front of the ROS side:
 *
 * <ul>
 *   <li>each connection's messages are handled one after the other by one thread (here: the connection's thread of
 *       {@link RosSideTestDouble});</li>
 *   <li>{@code send_action_goal} runs in that thread until the goal ends, unless the server was launched with
 *       {@code send_action_goals_in_new_thread:=true}: by default a goal blocks every later message of its
 *       connection, its cancel included; {@code call_service} likewise with {@code call_services_in_new_thread};</li>
 *   <li>{@code cancel_action_goal} always runs in a new thread once its turn in the queue comes, and finds the goal by
 *       its id in a table shared by every connection (the capability's class-level {@code client_handler_list}); a
 *       cancelled goal ends with its action server's result (status 5, canceled), sent on the goal's connection.</li>
 * </ul>
 */
public final class RosbridgeProtocolTestDouble implements RosSideTestDouble.Handler {

    /** rosbridge_server's two threading parameters; both default to false in its launch file. */
    public record Threading(boolean sendActionGoalsInNewThread, boolean callServicesInNewThread) {
        public static final Threading DEFAULT = new Threading(false, false);
        public static final Threading NEW_THREADS = new Threading(true, true);
    }

    /** Runs one goal to its end and returns the {@code action_result} message; may wait for the goal's cancellation. */
    public interface ActionServer {
        ObjectNode execute(JsonNode goal, GoalHandle handle);
    }

    /** A goal in progress, as the action client handler rosbridge keeps for it. */
    public static final class GoalHandle {
        private final CountDownLatch cancelled = new CountDownLatch(1);

        void cancel() {
            cancelled.countDown();
        }

        /** Waits up to {@code limit} for a cancel; true if the goal was cancelled. */
        public boolean awaitCancel(Duration limit) {
            try {
                return cancelled.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        public boolean isCancelled() {
            return cancelled.getCount() == 0;
        }
    }

    private final RosSideTestDouble.Handler other;
    private final ActionServer actions;
    private final Threading threading;
    private final Map<String, GoalHandle> goals = new ConcurrentHashMap<>();
    private final List<String> cancelsProcessed = new CopyOnWriteArrayList<>();

    /**
     * @param other   answers every operation but goals and cancels (services, subscriptions)
     * @param actions runs goals
     */
    public RosbridgeProtocolTestDouble(RosSideTestDouble.Handler other, ActionServer actions, Threading threading) {
        this.other = other;
        this.actions = actions;
        this.threading = threading;
    }

    /** The ids of the cancels handled so far, whether or not they found their goal still running. */
    public List<String> cancelsProcessed() {
        return List.copyOf(cancelsProcessed);
    }

    @Override
    public void handle(JsonNode message, Consumer<ObjectNode> reply) {
        String id = message.path("id").asText();
        switch (message.path("op").asText()) {
            case "send_action_goal" -> run(threading.sendActionGoalsInNewThread(), () -> {
                var handle = new GoalHandle();
                goals.put(id, handle);
                try {
                    reply.accept(actions.execute(message, handle));
                } finally {
                    goals.remove(id);
                }
            });
            case "cancel_action_goal" -> run(true, () -> {
                cancelsProcessed.add(id);
                GoalHandle handle = goals.get(id);
                if (handle != null) {
                    handle.cancel();
                }
            });
            case "call_service" -> run(threading.callServicesInNewThread(), () -> other.handle(message, reply));
            default -> other.handle(message, reply);
        }
    }

    private static void run(boolean inNewThread, Runnable work) {
        if (inNewThread) {
            var thread = new Thread(work, "rosbridge-capability");
            thread.setDaemon(true);
            thread.start();
        } else {
            work.run();
        }
    }
}
