package dev.lacy.franka.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.calibration.PointPair;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.contract.AbstractRobotArmContractTest;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.franka.rosbridge.RosSideTestDouble;
import dev.lacy.franka.rosbridge.RosbridgeException;
import dev.lacy.franka.rosbridge.RosbridgeProtocolTestDouble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrankaArmTest {

    static final PlaneMapping IMAGE_TO_BASE = PlaneMapping.fitHomography(List.of(
            new PointPair(new PlanePoint(0, 0), new PlanePoint(0.75, 0.25)),
            new PointPair(new PlanePoint(1, 0), new PlanePoint(0.75, -0.25)),
            new PointPair(new PlanePoint(1, 1), new PlanePoint(0.25, -0.25)),
            new PointPair(new PlanePoint(0, 1), new PlanePoint(0.25, 0.25))));

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<MotionPlan> asked = new CopyOnWriteArrayList<>();

    /** The robot behind rosbridge as launched by default (a goal holds its connection until it ends). */
    private RosSideTestDouble ros(FrankaRobotTestDouble robot) {
        return ros(robot, RosbridgeProtocolTestDouble.Threading.DEFAULT);
    }

    private RosSideTestDouble ros(FrankaRobotTestDouble robot, RosbridgeProtocolTestDouble.Threading threading) {
        var ros = new RosSideTestDouble(new RosbridgeProtocolTestDouble(robot, robot, threading));
        opened.add(ros);
        return ros;
    }

    private FrankaArm arm(RosSideTestDouble ros, Scene believed, boolean operatorSaysYes, UnaryOperator<FrankaConfig> tweak) {
        FrankaConfig defaults = FrankaConfig.defaults(ros.uri(), IMAGE_TO_BASE);
        FrankaConfig config = tweak.apply(defaults.toBuilder().timeout(Duration.ofSeconds(2)).motionTimeout(Duration.ofSeconds(5)).build());
        FrankaArm arm = FrankaArm.connect(config, plan -> {
            asked.add(plan);
            return operatorSaysYes;
        }, log::add);
        arm.perceive(believed);
        return arm;
    }

    private FrankaArm armOver(Scene scene) {
        return arm(ros(new FrankaRobotTestDouble(scene, IMAGE_TO_BASE)), scene, true, c -> c);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Nested
    class AsRobotArm extends AbstractRobotArmContractTest {
        @Override
        protected RobotArm armOver(Scene scene) {
            return FrankaArmTest.this.armOver(scene);
        }
    }

    @Test
    void aPickAndPlaceIsThisExactSequenceOfRosMessages() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE));
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, c -> c)) {
            PickPlaceOutcome outcome = arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(outcome).isEqualTo(new PickPlaceOutcome.Placed("lemon", ContractScenes.FREE));
            ros.awaitOperation("send_action_goal /franka_gripper/move");
            String plan = "call_service /compute_cartesian_path";
            String execute = "send_action_goal /execute_trajectory";
            assertThat(ros.operations()).containsExactly(
                    "subscribe /joint_states",
                    "send_action_goal /franka_gripper/homing",
                    "send_action_goal /franka_gripper/move",
                    plan, execute, plan, execute,
                    "send_action_goal /franka_gripper/grasp",
                    plan, execute, plan, execute, plan, execute,
                    "send_action_goal /franka_gripper/move",
                    plan, execute);
            var firstPlan = ros.received().get(3).get("args");
            assertThat(firstPlan.get("group_name").asText()).isEqualTo("fr3_arm");
            assertThat(firstPlan.get("link_name").asText()).isEqualTo("fr3_hand_tcp");
            assertThat(firstPlan.get("header").get("frame_id").asText()).isEqualTo("fr3_link0");
            assertThat(firstPlan.get("max_velocity_scaling_factor").asDouble()).isEqualTo(0.1);
            assertThat(firstPlan.get("waypoints").get(0).get("position").get("z").asDouble()).isEqualTo(0.15);
            assertThat(ros.received().get(7).get("args").get("epsilon").get("outer").asDouble()).isEqualTo(0.035);
        }
    }

    @Test
    void onlyTheFirstMotionAfterStartUpAsksTheOperator() {
        try (FrankaArm arm = armOver(ContractScenes.TWO_OBJECTS)) {
            arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));
            arm.pickAndPlace(new PickPlaceAction(ContractScenes.FREE, ContractScenes.EMPTY));
        }
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).waypoints()).extracting(Waypoint::name)
                .containsExactly("pre-grasp", "grasp", "lift", "transfer", "place", "retreat");
    }

    @Test
    void aDeclinedConfirmationRefusesAndSendsNoMotion() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE));
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, false, c -> c)) {
            assertThat(arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE)))
                    .isInstanceOf(PickPlaceOutcome.Refused.class);
        }
        ros.awaitOperation("unsubscribe /joint_states");
        assertThat(ros.operations()).containsExactly("subscribe /joint_states", "unsubscribe /joint_states");
    }

    @Test
    void aDryRunLogsThePlanAndConnectsToNothing() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE));
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, FrankaConfig::asDryRun)) {
            PickPlaceOutcome outcome = arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(outcome).isInstanceOfSatisfying(PickPlaceOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("dry run"));
        }
        assertThat(ros.connectionsOpened()).isZero();
        assertThat(asked).isEmpty();
        assertThat(log).singleElement().asString().startsWith("plan: pre-grasp (0.600, 0.100, 0.150)");
    }

    @Test
    void targetsOutsideTheEnvelopeAreRefusedBeforeAnythingIsSent() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE));
        var narrow = new SafetyEnvelope(List.of(new PlanePoint(0.4, -0.1), new PlanePoint(0.6, -0.1), new PlanePoint(0.6, 0.1),
                new PlanePoint(0.4, 0.1)), 0.002, 0.4, 0.1, 0.1);
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, c -> c.toBuilder().envelope(narrow).build())) {
            PickPlaceOutcome outcome = arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE));

            assertThat(outcome).isInstanceOfSatisfying(PickPlaceOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("outside the calibrated workspace polygon"));
        }
        ros.awaitOperation("unsubscribe /joint_states");
        assertThat(ros.operations()).containsExactly("subscribe /joint_states", "unsubscribe /joint_states");
    }

    @Test
    void withoutJointStatesTheArmRefusesToMove() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE).quietJointStates());
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, c -> c)) {
            assertThat(arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE)))
                    .isInstanceOfSatisfying(PickPlaceOutcome.Refused.class, r -> assertThat(r.reason()).contains("/joint_states"));
        }
        ros.awaitOperation("unsubscribe /joint_states");
        assertThat(ros.operations()).doesNotContain("call_service /compute_cartesian_path");
    }

    @Test
    void aPathMoveItCannotFullyPlanEndsThePickWithTheReason() {
        var ros = ros(new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE).planningOnly(0.63));
        try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, c -> c)) {
            assertThat(arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE)))
                    .isInstanceOfSatisfying(PickPlaceOutcome.NothingGrasped.class,
                            r -> assertThat(r.reason()).contains("63 %"));
        }
        ros.awaitOperation("unsubscribe /joint_states");
        assertThat(ros.operations()).contains("call_service /compute_cartesian_path")
                .doesNotContain("send_action_goal /execute_trajectory");
    }

    @Test
    void aMotionThatTimesOutUnderRosbridgesDefaultThreadingEndsWithAStopTheRobotConfirms() {
        for (var threading : List.of(RosbridgeProtocolTestDouble.Threading.DEFAULT, RosbridgeProtocolTestDouble.Threading.NEW_THREADS)) {
            var robot = new FrankaRobotTestDouble(ContractScenes.TWO_OBJECTS, IMAGE_TO_BASE).motionsTaking(Duration.ofSeconds(20));
            var ros = ros(robot, threading);
            long started = System.nanoTime();
            try (FrankaArm arm = arm(ros, ContractScenes.TWO_OBJECTS, true, c -> c.toBuilder().motionTimeout(Duration.ofMillis(300)).build())) {

                assertThatThrownBy(() -> arm.pickAndPlace(new PickPlaceAction(new Point(0.3, 0.3), ContractScenes.FREE)))
                        .as(threading.toString()).isInstanceOf(RosbridgeException.Timeout.class)
                        .hasMessageContaining("CANCELED").hasMessageContaining("the motion was stopped");
            }
            assertThat(robot.stoppedMotions()).as("the robot stopped the motion, " + threading).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("long before the motion would have ended")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }
}
