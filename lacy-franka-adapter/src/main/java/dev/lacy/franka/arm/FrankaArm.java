package dev.lacy.franka.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.franka.rosbridge.RosbridgeClient;
import dev.lacy.franka.rosbridge.RosbridgeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Franka Panda as LACY's {@link RobotArm}, through rosbridge: MoveIt 2 plans each straight-line
 * move ({@code compute_cartesian_path}) and executes it ({@code execute_trajectory}); the
 * franka_gripper actions open ({@code move}), close on the object ({@code grasp}) and home the fingers.
 *
 * <p>A pick-and-place is pre-grasp, grasp, close, lift, transfer, place, open, retreat. Before anything
 * is sent, every waypoint is checked against the {@link SafetyEnvelope}; in dry-run mode the plan is
 * logged and nothing is sent; the first motion after start-up waits for the operator's
 * {@link MotionConfirmation}; and motion needs live joint states. The robot cannot tell what it
 * grasped: the name in the outcome comes from the scene last {@link #perceive perceived} (for example
 * the model's grounding), or is {@value #UNIDENTIFIED}.
 *
 * <p>Thread-safe: pick-and-places are serialized.
 */
public final class FrankaArm implements RobotArm {

    public static final String UNIDENTIFIED = "unidentified object";

    private final RosbridgeClient ros;
    private final FrankaConfig config;
    private final MotionConfirmation confirmation;
    private final Consumer<String> log;
    private final CountDownLatch jointStatesSeen = new CountDownLatch(1);
    private final RosbridgeClient.Subscription jointStates;
    private Optional<Scene> belief = Optional.empty();
    private boolean confirmed;
    private boolean closed;

    private FrankaArm(RosbridgeClient ros, FrankaConfig config, MotionConfirmation confirmation, Consumer<String> log) {
        this.ros = ros;
        this.config = config;
        this.confirmation = confirmation;
        this.log = log;
        this.jointStates = ros == null ? null
                : ros.subscribe(config.jointStates(), "sensor_msgs/msg/JointState", message -> jointStatesSeen.countDown());
    }

    /**
     * Connects to rosbridge. A dry run connects to nothing: it only plans and logs, so plans can be
     * checked with no robot on the network.
     */
    public static FrankaArm connect(FrankaConfig config, MotionConfirmation confirmation, Consumer<String> log) {
        if (config.dryRun()) {
            return new FrankaArm(null, config, confirmation, log);
        }
        RosbridgeClient ros = RosbridgeClient.connect(config.rosbridge(), config.timeout());
        try {
            return new FrankaArm(ros, config, confirmation, log);
        } catch (RuntimeException e) {
            ros.close();
            throw e;
        }
    }

    /** What is on the table as last perceived: names the object a pick takes. */
    public synchronized void perceive(Scene scene) {
        belief = Optional.of(scene);
    }

    /** The plan of a pick-and-place, in the base frame, without moving. */
    public MotionPlan plan(PickPlaceAction action) {
        PlanePoint pick = config.imageToBase().apply(PlanePoint.of(action.pick()));
        PlanePoint place = config.imageToBase().apply(PlanePoint.of(action.place()));
        double up = config.tableZ() + config.approachHeight();
        double down = config.tableZ() + config.graspHeight();
        return new MotionPlan(List.of(
                new Waypoint("pre-grasp", pick.x(), pick.y(), up), new Waypoint("grasp", pick.x(), pick.y(), down),
                new Waypoint("lift", pick.x(), pick.y(), up), new Waypoint("transfer", place.x(), place.y(), up),
                new Waypoint("place", place.x(), place.y(), down), new Waypoint("retreat", place.x(), place.y(), up)));
    }

    @Override
    public synchronized PickPlaceOutcome pickAndPlace(PickPlaceAction action) {
        requireOpen();
        MotionPlan plan = plan(action);
        Optional<String> violation = config.envelope().violation(plan);
        if (violation.isPresent()) {
            log.accept("refused, outside the safety envelope: " + violation.get());
            return new PickPlaceOutcome.Refused("outside the safety envelope: " + violation.get());
        }
        log.accept("plan: " + plan.describe());
        if (config.dryRun()) {
            return new PickPlaceOutcome.Refused("dry run: the plan was logged and nothing was sent");
        }
        if (!confirmed) {
            if (!confirmation.confirm(plan)) {
                return new PickPlaceOutcome.Refused("the operator did not confirm the first motion");
            }
            confirmed = true;
            gripper("homing", "franka_msgs/action/Homing", ros.object());
        }
        if (!awaitJointStates()) {
            return new PickPlaceOutcome.Refused("no joint states on " + config.jointStates() + " within "
                    + config.timeout().toSeconds() + " s: is franka_ros2 running?");
        }
        List<Waypoint> w = plan.waypoints();
        String name = belief.flatMap(s -> s.selectedBy(action.pick())).map(SceneObject::name).orElse(UNIDENTIFIED);
        try {
            open();
            move(w.get(0));
            move(w.get(1));
        } catch (MotionFailed e) {
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "could not reach the pick: " + e.getMessage());
        }
        if (!grasp()) {
            open();
            move(w.get(2));
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "the gripper closed on nothing at " + action.pick().format());
        }
        try {
            move(w.get(2));
            move(w.get(3));
            move(w.get(4));
            open();
            move(w.get(5));
        } catch (MotionFailed e) {
            return new PickPlaceOutcome.PlaceFailed(name, action.place(), e.getMessage());
        }
        belief = belief.map(s -> s.find(name).isPresent() ? s.withMoved(name, action.place()) : s);
        return new PickPlaceOutcome.Placed(name, action.place());
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (ros != null) {
                jointStates.close();
                ros.close();
            }
        }
    }

    private void move(Waypoint to) {
        ObjectNode request = ros.object();
        request.putObject("header").put("frame_id", config.baseFrame());
        request.put("group_name", config.planningGroup()).put("link_name", config.toolLink());
        ObjectNode pose = request.putArray("waypoints").addObject();
        pose.putObject("position").put("x", to.x()).put("y", to.y()).put("z", to.z());
        List<Double> q = config.orientation();
        pose.putObject("orientation").put("x", q.get(0)).put("y", q.get(1)).put("z", q.get(2)).put("w", q.get(3));
        request.put("max_step", config.maxStep()).put("jump_threshold", 0.0).put("avoid_collisions", true)
                .put("max_velocity_scaling_factor", config.envelope().velocityScaling())
                .put("max_acceleration_scaling_factor", config.envelope().accelerationScaling());
        JsonNode planned = ros.callService(config.cartesianPathService(), "moveit_msgs/srv/GetCartesianPath", request);
        double fraction = planned.path("fraction").asDouble(0);
        if (fraction < 1.0) {
            throw new MotionFailed(String.format(Locale.ROOT, "MoveIt planned only %.0f %% of the straight line to %s",
                    100 * fraction, to));
        }
        ObjectNode goal = ros.object();
        goal.set("trajectory", planned.path("solution"));
        try {
            var result = ros.sendActionGoal(config.executeAction(), "moveit_msgs/action/ExecuteTrajectory", goal, f -> { },
                    config.motionTimeout());
            int code = result.values().path("error_code").path("val").asInt(1);
            if (code != 1) {
                throw new MotionFailed("MoveIt stopped the motion to " + to + " with error code " + code);
            }
        } catch (RosbridgeException.ActionFailed e) {
            throw new MotionFailed("the motion to " + to + " failed: " + e.getMessage());
        }
    }

    private void open() {
        ObjectNode goal = ros.object().put("width", config.openWidth()).put("speed", config.gripperSpeed());
        gripper("move", "franka_msgs/action/Move", goal);
    }

    /** True when the fingers stopped on something within the epsilons of the expected width. */
    private boolean grasp() {
        ObjectNode goal = ros.object().put("width", config.graspWidth()).put("speed", config.gripperSpeed())
                .put("force", config.graspForce());
        goal.putObject("epsilon").put("inner", config.graspEpsilon()).put("outer", config.graspEpsilon());
        try {
            var result = ros.sendActionGoal(config.gripperPrefix() + "/grasp", "franka_msgs/action/Grasp", goal, f -> { },
                    config.motionTimeout());
            return result.values().path("success").asBoolean(true);
        } catch (RosbridgeException.ActionFailed e) {
            return false;
        }
    }

    private void gripper(String action, String type, ObjectNode goal) {
        ros.sendActionGoal(config.gripperPrefix() + "/" + action, type, goal, f -> { }, config.motionTimeout());
    }

    private boolean awaitJointStates() {
        try {
            return jointStatesSeen.await(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the Franka arm is closed");
        }
    }

    /** A motion that MoveIt could not plan or execute. */
    private static final class MotionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MotionFailed(String message) {
            super(message);
        }
    }
}
