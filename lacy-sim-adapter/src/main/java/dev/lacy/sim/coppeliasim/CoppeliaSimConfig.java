package dev.lacy.sim.coppeliasim;

import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.calibration.PointPair;
import java.time.Duration;
import java.util.List;

/**
 * How a CoppeliaSim scene is laid out for LACY (see docs/coppeliasim.md): where the top-down vision
 * sensor, the robot's IK target and the objects live, the integer signal that drives the gripper,
 * the calibration from normalized image coordinates to world x, y in metres, and the heights of the
 * table and of the motion.
 *
 * @param endpoint       the remote API server, {@code tcp://HOST:PORT}
 * @param timeout        how long to wait for any one reply
 * @param idleTimeout    how long the server keeps this client (and its stepping mode) without a call: sent as the
 *                       first message's {@code timeout}, which the server reads as idle seconds, not as a reply timeout
 * @param visionSensor   path of the top-down vision sensor
 * @param ikTarget       path of the dummy that the robot's tip follows (the scene runs the IK)
 * @param objectsParent  path of the dummy whose children are the manipulable objects (alias = name, spaces as '_')
 * @param gripperSignal  integer signal the scene's gripper script reads: 1 closes, 0 opens
 * @param imageToTable   normalized image coordinates to world x, y (metres)
 * @param tableHeight    world z of the table surface (metres)
 * @param approachHeight height above the table for approach, lift and transfer
 * @param graspHeight    height above the table where the gripper closes
 * @param liftCheck      how far a grasped object must have risen after the lift
 * @param stepsPerMove   simulation steps after each waypoint, in stepping mode
 * @param requireSimIk   load {@code simIK} too, for scenes whose IK script needs the module loaded
 */
public record CoppeliaSimConfig(String endpoint, Duration timeout, Duration idleTimeout, String visionSensor, String ikTarget,
                                String objectsParent, String gripperSignal, PlaneMapping imageToTable,
                                double tableHeight, double approachHeight, double graspHeight, double liftCheck,
                                int stepsPerMove, boolean requireSimIk) {

    public CoppeliaSimConfig {
        for (String path : List.of(visionSensor, ikTarget, objectsParent)) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("scene path '" + path + "' must start with '/'");
            }
        }
        if (gripperSignal == null || gripperSignal.isBlank()) {
            throw new IllegalArgumentException("the gripper signal needs a name");
        }
        if (!(graspHeight >= 0 && approachHeight > graspHeight && liftCheck > 0 && liftCheck < approachHeight - graspHeight)) {
            throw new IllegalArgumentException("heights must satisfy 0 <= grasp < approach and 0 < lift check < approach - grasp;"
                    + " got grasp " + graspHeight + ", approach " + approachHeight + ", lift check " + liftCheck);
        }
        if (idleTimeout == null || idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the idle timeout " + idleTimeout + " must be at least one second");
        }
        if (stepsPerMove < 1) {
            throw new IllegalArgumentException("steps per move " + stepsPerMove + " must be >= 1");
        }
    }

    /** Ten minutes, as CoppeliaSim's own Python client asks (a model thinking or an operator deciding stays well inside). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The defaults of docs/coppeliasim.md: a 0.5 m square workspace centred at world (0.5, 0) on a
     * table at z = 0, the image's x to world -y and the image's y to world -x (a camera looking down
     * with the robot at the image's bottom edge).
     */
    public static CoppeliaSimConfig defaults(String endpoint) {
        return new CoppeliaSimConfig(endpoint, Duration.ofSeconds(10), DEFAULT_IDLE_TIMEOUT, "/visionSensor", "/lacyTarget", "/lacyObjects",
                "lacyGripper", squareWorkspace(0.5, 0, 0.5), 0, 0.15, 0.02, 0.03, 20, false);
    }

    /** The calibration of a square workspace of side {@code size} metres centred at ({@code cx}, {@code cy}). */
    public static PlaneMapping squareWorkspace(double cx, double cy, double size) {
        double h = size / 2;
        return PlaneMapping.fitHomography(List.of(
                new PointPair(new PlanePoint(0, 0), new PlanePoint(cx + h, cy + h)),
                new PointPair(new PlanePoint(1, 0), new PlanePoint(cx + h, cy - h)),
                new PointPair(new PlanePoint(1, 1), new PlanePoint(cx - h, cy - h)),
                new PointPair(new PlanePoint(0, 1), new PlanePoint(cx - h, cy + h))));
    }

    public CoppeliaSimConfig withEndpoint(String newEndpoint) {
        return new CoppeliaSimConfig(newEndpoint, timeout, idleTimeout, visionSensor, ikTarget, objectsParent, gripperSignal,
                imageToTable, tableHeight, approachHeight, graspHeight, liftCheck, stepsPerMove, requireSimIk);
    }

    public CoppeliaSimConfig withTimeout(Duration newTimeout) {
        return new CoppeliaSimConfig(endpoint, newTimeout, idleTimeout, visionSensor, ikTarget, objectsParent, gripperSignal,
                imageToTable, tableHeight, approachHeight, graspHeight, liftCheck, stepsPerMove, requireSimIk);
    }

    /** Metres on the table per normalized image unit, along the image's x axis. */
    double metresPerUnit() {
        return imageToTable.apply(new PlanePoint(0, 0.5)).distanceTo(imageToTable.apply(new PlanePoint(1, 0.5)));
    }
}
