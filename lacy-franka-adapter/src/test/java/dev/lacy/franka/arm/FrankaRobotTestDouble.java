package dev.lacy.franka.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.franka.rosbridge.RosSideTestDouble;
import dev.lacy.franka.rosbridge.RosbridgeProtocolTestDouble;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test double of franka_ros2 with MoveIt 2 behind rosbridge: Cartesian paths plan to their one
 * waypoint (the "trajectory" carries it), executing moves the tool there, the gripper grasps the
 * object whose footprint is under the tool near the table and drops it where it opens, and
 * {@code /joint_states} publishes once per subscription unless told to stay quiet.
 */
final class FrankaRobotTestDouble implements RosSideTestDouble.Handler, RosbridgeProtocolTestDouble.ActionServer {

    private final double metresPerUnit;
    private final Map<String, double[]> objects = new LinkedHashMap<>();
    private final double[] tool = {0.5, 0, 0.4};
    private String held;
    private boolean publishJointStates = true;
    private double plannedFraction = 1.0;
    private Duration motionTime = Duration.ZERO;
    private int stoppedMotions;

    FrankaRobotTestDouble(Scene scene, PlaneMapping imageToBase) {
        metresPerUnit = imageToBase.apply(new PlanePoint(0, 0.5)).distanceTo(imageToBase.apply(new PlanePoint(1, 0.5)));
        for (SceneObject object : scene.objects()) {
            PlanePoint at = imageToBase.apply(PlanePoint.of(object.center()));
            objects.put(object.name(), new double[] {at.x(), at.y(), object.radius() * metresPerUnit});
        }
    }

    FrankaRobotTestDouble quietJointStates() {
        publishJointStates = false;
        return this;
    }

    FrankaRobotTestDouble planningOnly(double fraction) {
        plannedFraction = fraction;
        return this;
    }

    /** Each arm motion takes this long, unless a cancel stops it on the way (then the arm stays where it was). */
    FrankaRobotTestDouble motionsTaking(Duration time) {
        motionTime = time;
        return this;
    }

    /** Motions a cancel stopped before their end. */
    synchronized int stoppedMotions() {
        return stoppedMotions;
    }

    /** The goal as MoveIt's and franka_gripper's action servers run it (behind rosbridge's threading). */
    @Override
    public ObjectNode execute(JsonNode message, RosbridgeProtocolTestDouble.GoalHandle handle) {
        String id = message.path("id").asText();
        String action = message.path("action").asText();
        if (action.endsWith("/execute_trajectory") && !motionTime.isZero() && handle.awaitCancel(motionTime)) {
            synchronized (this) {
                stoppedMotions++;
            }
            var values = RosSideTestDouble.object();
            values.putObject("error_code").put("val", -7);
            return RosSideTestDouble.object().put("op", "action_result").put("id", id).put("action", action)
                    .put("status", 5).put("result", true).set("values", values);
        }
        synchronized (this) {
            return act(id, action, message.path("args"));
        }
    }

    @Override
    public synchronized void handle(JsonNode message, Consumer<ObjectNode> reply) {
        String id = message.path("id").asText();
        switch (message.path("op").asText()) {
            case "subscribe" -> {
                if (publishJointStates) {
                    var publish = RosSideTestDouble.object().put("op", "publish").put("topic", message.path("topic").asText());
                    publish.putObject("msg").putArray("position").add(0.0).add(-0.785).add(0.0);
                    reply.accept(publish);
                }
            }
            case "call_service" -> {
                JsonNode p = message.path("args").path("waypoints").get(0).path("position");
                var response = RosSideTestDouble.object().put("op", "service_response").put("id", id)
                        .put("service", message.path("service").asText()).put("result", true);
                ObjectNode values = response.putObject("values").put("fraction", plannedFraction);
                values.putObject("solution").putObject("double_target")
                        .put("x", p.path("x").asDouble()).put("y", p.path("y").asDouble()).put("z", p.path("z").asDouble());
                values.putObject("error_code").put("val", 1);
                reply.accept(response);
            }
            case "send_action_goal" -> reply.accept(act(id, message.path("action").asText(), message.path("args")));
            default -> { }
        }
    }

    private ObjectNode act(String id, String action, JsonNode goal) {
        boolean success = true;
        var values = RosSideTestDouble.object();
        if (action.endsWith("/execute_trajectory")) {
            JsonNode target = goal.path("trajectory").path("double_target");
            tool[0] = target.path("x").asDouble();
            tool[1] = target.path("y").asDouble();
            tool[2] = target.path("z").asDouble();
            if (held != null) {
                objects.get(held)[0] = tool[0];
                objects.get(held)[1] = tool[1];
            }
            values.putObject("error_code").put("val", 1);
        } else if (action.endsWith("/move")) {
            held = null;
            values.put("success", true);
        } else if (action.endsWith("/grasp")) {
            held = objects.entrySet().stream()
                    .filter(e -> Math.hypot(e.getValue()[0] - tool[0], e.getValue()[1] - tool[1]) <= e.getValue()[2] && tool[2] < 0.05)
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            success = held != null;
            values.put("success", success).put("error", success ? "" : "the fingers closed on nothing");
        } else {
            values.put("success", true);
        }
        return RosSideTestDouble.object().put("op", "action_result").put("id", id).put("action", action)
                .put("status", success ? 4 : 6).put("result", success).set("values", values);
    }
}
