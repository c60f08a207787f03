package dev.lacy.franka.rosbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RosbridgeClientTest {

    private final AtomicBoolean silent = new AtomicBoolean();
    private final RosSideTestDouble ros = new RosSideTestDouble((message, reply) -> {
        if (silent.get()) {
            return;
        }
        String id = message.path("id").asText();
        switch (message.path("op").asText()) {
            case "call_service" -> {
                var response = RosSideTestDouble.object().put("op", "service_response").put("id", id)
                        .put("service", message.path("service").asText());
                if (message.path("service").asText().equals("/broken")) {
                    response.put("result", false).put("values", "the service raised");
                } else if (message.path("service").asText().equals("/unknown")) {
                    reply.accept(RosSideTestDouble.object().put("op", "status").put("level", "error").put("id", id)
                            .put("msg", "Service /unknown does not exist"));
                    return;
                } else {
                    response.put("result", true).putObject("values").put("sum", message.path("args").path("a").asInt() + 1);
                }
                reply.accept(response);
            }
            case "send_action_goal" -> {
                if (message.path("action").asText().equals("/slow")) {
                    return;
                }
                String action = message.path("action").asText();
                for (int i = 1; i <= 3; i++) {
                    var feedback = RosSideTestDouble.object().put("op", "action_feedback").put("id", id).put("action", action);
                    feedback.putObject("values").put("progress", i);
                    reply.accept(feedback);
                }
                boolean fails = action.equals("/fails");
                var result = RosSideTestDouble.object().put("op", "action_result").put("id", id).put("action", action)
                        .put("status", fails ? 6 : 4).put("result", !fails);
                result.putObject("values").put("done", true);
                reply.accept(result);
            }
            case "subscribe" -> {
                var publish = RosSideTestDouble.object().put("op", "publish").put("topic", message.path("topic").asText());
                publish.putObject("msg").put("data", "hello");
                reply.accept(publish);
            }
            default -> { }
        }
    });
    private RosbridgeClient client;

    private RosbridgeClient client() {
        client = RosbridgeClient.connect(ros.uri(), Duration.ofSeconds(2));
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        ros.close();
    }

    @Test
    void aServiceCallSendsItsIdAndTypeAndReturnsTheValues() {
        var args = RosSideTestDouble.object().put("a", 41);

        JsonNode values = client().callService("/add", "example_interfaces/srv/AddTwoInts", args);

        assertThat(values.get("sum").asInt()).isEqualTo(42);
        JsonNode sent = ros.received().get(0);
        assertThat(sent.get("op").asText()).isEqualTo("call_service");
        assertThat(sent.get("type").asText()).isEqualTo("example_interfaces/srv/AddTwoInts");
        assertThat(sent.get("id").asText()).isNotBlank();
    }

    @Test
    void aFailedServiceAndARosbridgeErrorAreTypedErrors() {
        assertThatThrownBy(() -> client().callService("/broken", "t/srv/T", RosSideTestDouble.object()))
                .isInstanceOf(RosbridgeException.ServiceFailed.class).hasMessageContaining("/broken");
        assertThatThrownBy(() -> client.callService("/unknown", "t/srv/T", RosSideTestDouble.object()))
                .isInstanceOf(RosbridgeException.ServiceFailed.class).hasMessageContaining("does not exist")
                .as("the error names the service, not the request id").hasMessageContaining("/unknown")
                .hasMessageNotContaining("call_service:");
    }

    @Test
    void anActionGoalDeliversItsFeedbackThenItsResult() {
        var feedback = new ArrayList<Integer>();

        ActionResult result = client().sendActionGoal("/move", "pkg/action/Move", RosSideTestDouble.object().put("x", 1),
                f -> feedback.add(f.get("progress").asInt()), Duration.ofSeconds(2));

        assertThat(feedback).containsExactly(1, 2, 3);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.values().get("done").asBoolean()).isTrue();
        JsonNode sent = ros.received().get(0);
        assertThat(sent.get("action_type").asText()).isEqualTo("pkg/action/Move");
        assertThat(sent.get("feedback").asBoolean()).isTrue();
        assertThat(sent.get("args").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void anAbortedGoalIsATypedErrorWithItsStatus() {
        assertThatThrownBy(() -> client().sendActionGoal("/fails", "pkg/action/Move", RosSideTestDouble.object(), f -> { },
                Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(RosbridgeException.ActionFailed.class,
                        e -> assertThat(e.result().status()).isEqualTo(ActionResult.STATUS_ABORTED))
                .hasMessageContaining("ABORTED");
    }

    @Test
    void aGoalThatOutlastsItsLimitIsCancelledAndTimesOut() {
        assertThatThrownBy(() -> client().sendActionGoal("/slow", "pkg/action/Move", RosSideTestDouble.object(), f -> { },
                Duration.ofMillis(200))).isInstanceOf(RosbridgeException.Timeout.class);

        ros.awaitOperation("cancel_action_goal /slow");
        assertThat(ros.operations()).containsExactly("send_action_goal /slow", "cancel_action_goal /slow");
        assertThat(ros.received().get(1).get("id").asText()).isEqualTo(ros.received().get(0).get("id").asText());
    }

    @Test
    void underRosbridgesDefaultThreadingATimedOutGoalIsCancelledOnAConnectionItDoesNotBlock() {
        var protocol = new RosbridgeProtocolTestDouble((message, reply) -> { }, (goal, handle) -> {
            boolean cancelled = handle.awaitCancel(Duration.ofSeconds(20));
            return RosSideTestDouble.object().put("op", "action_result").put("id", goal.path("id").asText())
                    .put("action", goal.path("action").asText()).put("status", cancelled ? 5 : 4).put("result", true);
        }, RosbridgeProtocolTestDouble.Threading.DEFAULT);
        try (var server = new RosSideTestDouble(protocol);
             var c = RosbridgeClient.connect(server.uri(), Duration.ofSeconds(2))) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> c.sendActionGoal("/move", "pkg/action/Move", RosSideTestDouble.object(), f -> { },
                    Duration.ofMillis(200)))
                    .isInstanceOf(RosbridgeException.Timeout.class).hasMessageContaining("CANCELED");

            assertThat(protocol.cancelsProcessed()).as("the cancel was handled while the goal still held its connection")
                    .containsExactly(server.received().get(0).get("id").asText());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void aGoalWhoseEndIsNotConfirmedAfterTheCancelSaysTheRobotMayStillBeMoving() {
        assertThatThrownBy(() -> client().sendActionGoal("/slow", "pkg/action/Move", RosSideTestDouble.object(), f -> { },
                Duration.ofMillis(200)))
                .isInstanceOf(RosbridgeException.Timeout.class).hasMessageContaining("may still be moving");
    }

    @Test
    void subscriptionsReceiveMessagesAndUnsubscribeOnClose() throws Exception {
        var messages = new CopyOnWriteArrayList<String>();
        var first = new CountDownLatch(1);

        var subscription = client().subscribe("/chatter", "std_msgs/msg/String", m -> {
            messages.add(m.get("data").asText());
            first.countDown();
        });
        assertThat(first.await(2, TimeUnit.SECONDS)).isTrue();
        subscription.close();
        client.advertise("/out", "std_msgs/msg/String");
        client.publish("/out", RosSideTestDouble.object().put("data", "bye"));
        client.callService("/add", "t/srv/T", RosSideTestDouble.object().put("a", 1));

        assertThat(messages).containsExactly("hello");
        ros.awaitOperation("call_service /add");
        assertThat(ros.operations()).containsExactly("subscribe /chatter", "unsubscribe /chatter", "advertise /out",
                "publish /out", "call_service /add");
        assertThat(ros.received().get(3).get("msg").get("data").asText()).isEqualTo("bye");
    }

    @Test
    void aDroppedConnectionFailsTheOpenRequestAndTheNextOneReconnectsAndResubscribes() throws Exception {
        var subscribed = new CountDownLatch(1);
        var resubscribed = new CountDownLatch(2);
        client().subscribe("/chatter", "std_msgs/msg/String", m -> {
            subscribed.countDown();
            resubscribed.countDown();
        });
        assertThat(subscribed.await(2, TimeUnit.SECONDS)).isTrue();
        silent.set(true);
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        var thread = new Thread(() -> {
            try {
                client.callService("/add", "t/srv/T", RosSideTestDouble.object());
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        thread.start();
        ros.awaitOperation("call_service /add");
        ros.dropConnections();

        assertThat(failure.get(2, TimeUnit.SECONDS)).isInstanceOf(RosbridgeException.Disconnected.class);
        silent.set(false);
        assertThat(client.callService("/add", "t/srv/T", RosSideTestDouble.object().put("a", 2)).get("sum").asInt()).isEqualTo(3);
        assertThat(ros.connectionsOpened()).isEqualTo(2);
        assertThat(resubscribed.await(2, TimeUnit.SECONDS)).as("subscribed again on the new connection").isTrue();
    }

    @Test
    void anUnreachableServerIsSaidSo() {
        assertThatThrownBy(() -> RosbridgeClient.connect(URI.create("ws://127.0.0.1:9"), Duration.ofMillis(500)))
                .isInstanceOf(RosbridgeException.Disconnected.class).hasMessageContaining("is rosbridge_server running");
        assertThatThrownBy(() -> RosbridgeClient.connect(URI.create("http://x:1"), Duration.ofMillis(500)))
                .hasMessageContaining("ws://HOST:PORT");
    }
}
