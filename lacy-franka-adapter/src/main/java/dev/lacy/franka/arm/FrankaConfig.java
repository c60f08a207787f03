package dev.lacy.franka.arm;

import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How LACY reaches and moves a Franka Panda (see docs/franka.md). Names default to franka_ros2 with
 * MoveIt 2; every one can be changed in the JSON configuration.
 *
 * @param rosbridge            rosbridge_server's WebSocket, e.g. {@code ws://robot-pc:9090}
 * @param timeout              how long to wait for a service answer or a connection
 * @param motionTimeout        how long one trajectory or gripper action may take
 * @param imageToBase          normalized image coordinates to the robot base frame's x, y (metres)
 * @param envelope             where the tool may go, and the velocity and acceleration scaling
 * @param tableZ               base-frame height of the table surface
 * @param approachHeight       height above the table for approach, lift, transfer and retreat
 * @param graspHeight          height above the table where the gripper closes or opens
 * @param orientation          tool orientation quaternion x, y, z, w (gripper pointing down)
 * @param baseFrame            frame of the poses, e.g. {@code fr3_link0}
 * @param planningGroup        MoveIt planning group, e.g. {@code fr3_arm}
 * @param toolLink             link that follows the waypoints, e.g. {@code fr3_hand_tcp}
 * @param cartesianPathService MoveIt's {@code moveit_msgs/srv/GetCartesianPath} service
 * @param executeAction        MoveIt's {@code moveit_msgs/action/ExecuteTrajectory} action
 * @param gripperPrefix        prefix of the franka_gripper actions {@code move}, {@code grasp}, {@code homing}
 * @param jointStates          the {@code sensor_msgs/msg/JointState} topic
 * @param openWidth            gripper width when open (metres)
 * @param graspWidth           expected object width; a grasp succeeds within the epsilons of it
 * @param graspEpsilon         tolerance around {@code graspWidth} (inner and outer)
 * @param graspForce           grasp force (newtons)
 * @param gripperSpeed         finger speed (metres per second)
 * @param maxStep              Cartesian interpolation step (metres)
 * @param dryRun               plan and log every motion, send nothing
 */
public record FrankaConfig(URI rosbridge, Duration timeout, Duration motionTimeout, PlaneMapping imageToBase,
                           SafetyEnvelope envelope, double tableZ, double approachHeight, double graspHeight,
                           List<Double> orientation, String baseFrame, String planningGroup, String toolLink,
                           String cartesianPathService, String executeAction, String gripperPrefix, String jointStates,
                           double openWidth, double graspWidth, double graspEpsilon, double graspForce,
                           double gripperSpeed, double maxStep, boolean dryRun) {

    public FrankaConfig {
        if (rosbridge == null || imageToBase == null || envelope == null) {
            throw new IllegalArgumentException("a Franka configuration needs rosbridge, a calibration and an envelope");
        }
        if (!(graspHeight >= 0 && approachHeight > graspHeight)) {
            throw new IllegalArgumentException("heights must satisfy 0 <= grasp < approach, got " + graspHeight
                    + " and " + approachHeight);
        }
        if (orientation == null || orientation.size() != 4) {
            throw new IllegalArgumentException("the orientation is a quaternion [x, y, z, w]");
        }
        orientation = List.copyOf(orientation);
        if (!(openWidth > 0 && openWidth <= 0.08 && graspWidth >= 0 && graspWidth <= openWidth && graspEpsilon >= 0)) {
            throw new IllegalArgumentException("gripper widths must satisfy 0 <= grasp <= open <= 0.08 m and epsilon >= 0");
        }
        if (!(graspForce > 0 && graspForce <= 70 && gripperSpeed > 0 && gripperSpeed <= 0.1)) {
            throw new IllegalArgumentException("grasp force must be in (0, 70] N and gripper speed in (0, 0.1] m/s");
        }
        if (!(maxStep > 0 && maxStep <= 0.05)) {
            throw new IllegalArgumentException("the Cartesian step must be in (0, 0.05] m, got " + maxStep);
        }
    }

    /**
     * The defaults of docs/franka.md for a table 0.5 m square in front of the robot: the image's
     * x along base -y, its y along base -x; the envelope is that square, from 2 mm to 0.4 m above
     * the table; 10 % velocity and acceleration; not a dry run.
     */
    public static FrankaConfig defaults(URI rosbridge, PlaneMapping imageToBase) {
        List<PlanePoint> corners = List.of(new PlanePoint(0, 0), new PlanePoint(1, 0), new PlanePoint(1, 1), new PlanePoint(0, 1))
                .stream().map(imageToBase::apply).toList();
        return new FrankaConfig(rosbridge, Duration.ofSeconds(5), Duration.ofSeconds(60), imageToBase,
                new SafetyEnvelope(corners, 0.002, 0.4, 0.1, 0.1), 0.0, 0.15, 0.01, List.of(1.0, 0.0, 0.0, 0.0),
                "fr3_link0", "fr3_arm", "fr3_hand_tcp", "/compute_cartesian_path", "/execute_trajectory",
                "/franka_gripper", "/joint_states", 0.08, 0.04, 0.035, 20, 0.05, 0.005, false);
    }

    public FrankaConfig asDryRun() {
        return toBuilder().dryRun(true).build();
    }

    /** A builder holding this configuration's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Changes a configuration by name instead of through the 23-argument constructor:
     * {@code FrankaConfig.defaults(uri, mapping).toBuilder().motionTimeout(Duration.ofSeconds(30)).build()}. {@link #build}
     * validates as the constructor does.
     */
    public static final class Builder {
        private URI rosbridge;
        private Duration timeout;
        private Duration motionTimeout;
        private PlaneMapping imageToBase;
        private SafetyEnvelope envelope;
        private double tableZ;
        private double approachHeight;
        private double graspHeight;
        private List<Double> orientation;
        private String baseFrame;
        private String planningGroup;
        private String toolLink;
        private String cartesianPathService;
        private String executeAction;
        private String gripperPrefix;
        private String jointStates;
        private double openWidth;
        private double graspWidth;
        private double graspEpsilon;
        private double graspForce;
        private double gripperSpeed;
        private double maxStep;
        private boolean dryRun;

        private Builder(FrankaConfig from) {
            this.rosbridge = from.rosbridge;
            this.timeout = from.timeout;
            this.motionTimeout = from.motionTimeout;
            this.imageToBase = from.imageToBase;
            this.envelope = from.envelope;
            this.tableZ = from.tableZ;
            this.approachHeight = from.approachHeight;
            this.graspHeight = from.graspHeight;
            this.orientation = from.orientation;
            this.baseFrame = from.baseFrame;
            this.planningGroup = from.planningGroup;
            this.toolLink = from.toolLink;
            this.cartesianPathService = from.cartesianPathService;
            this.executeAction = from.executeAction;
            this.gripperPrefix = from.gripperPrefix;
            this.jointStates = from.jointStates;
            this.openWidth = from.openWidth;
            this.graspWidth = from.graspWidth;
            this.graspEpsilon = from.graspEpsilon;
            this.graspForce = from.graspForce;
            this.gripperSpeed = from.gripperSpeed;
            this.maxStep = from.maxStep;
            this.dryRun = from.dryRun;
        }

        public Builder rosbridge(URI value) {
            this.rosbridge = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder motionTimeout(Duration value) {
            this.motionTimeout = value;
            return this;
        }

        public Builder imageToBase(PlaneMapping value) {
            this.imageToBase = value;
            return this;
        }

        public Builder envelope(SafetyEnvelope value) {
            this.envelope = value;
            return this;
        }

        public Builder tableZ(double value) {
            this.tableZ = value;
            return this;
        }

        public Builder approachHeight(double value) {
            this.approachHeight = value;
            return this;
        }

        public Builder graspHeight(double value) {
            this.graspHeight = value;
            return this;
        }

        public Builder orientation(List<Double> value) {
            this.orientation = value;
            return this;
        }

        public Builder baseFrame(String value) {
            this.baseFrame = value;
            return this;
        }

        public Builder planningGroup(String value) {
            this.planningGroup = value;
            return this;
        }

        public Builder toolLink(String value) {
            this.toolLink = value;
            return this;
        }

        public Builder cartesianPathService(String value) {
            this.cartesianPathService = value;
            return this;
        }

        public Builder executeAction(String value) {
            this.executeAction = value;
            return this;
        }

        public Builder gripperPrefix(String value) {
            this.gripperPrefix = value;
            return this;
        }

        public Builder jointStates(String value) {
            this.jointStates = value;
            return this;
        }

        public Builder openWidth(double value) {
            this.openWidth = value;
            return this;
        }

        public Builder graspWidth(double value) {
            this.graspWidth = value;
            return this;
        }

        public Builder graspEpsilon(double value) {
            this.graspEpsilon = value;
            return this;
        }

        public Builder graspForce(double value) {
            this.graspForce = value;
            return this;
        }

        public Builder gripperSpeed(double value) {
            this.gripperSpeed = value;
            return this;
        }

        public Builder maxStep(double value) {
            this.maxStep = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public FrankaConfig build() {
            return new FrankaConfig(rosbridge, timeout, motionTimeout, imageToBase, envelope, tableZ, approachHeight, graspHeight, orientation, baseFrame, planningGroup, toolLink, cartesianPathService, executeAction, gripperPrefix, jointStates, openWidth, graspWidth, graspEpsilon, graspForce, gripperSpeed, maxStep, dryRun);
        }
    }
}
