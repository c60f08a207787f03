package dev.lacy.franka.arm;

import dev.lacy.core.calibration.PlanePoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the tool may go: inside a polygon of the table plane (robot base frame x, y) and between two
 * heights, with velocity and acceleration scaling capped at {@link #MAX_SCALING}. Checked before
 * anything is sent to the robot. Immutable and thread-safe.
 */
public record SafetyEnvelope(List<PlanePoint> polygon, double minZ, double maxZ, double velocityScaling,
                             double accelerationScaling) {

    /** No configuration may ask for more than half of the robot's velocity or acceleration. */
    public static final double MAX_SCALING = 0.5;

    public SafetyEnvelope {
        if (polygon == null || polygon.size() < 3) {
            throw new IllegalArgumentException("the workspace polygon needs at least 3 vertices");
        }
        polygon = List.copyOf(polygon);
        if (!(minZ < maxZ)) {
            throw new IllegalArgumentException("height limits must satisfy minZ < maxZ, got " + minZ + " and " + maxZ);
        }
        for (double scaling : new double[] {velocityScaling, accelerationScaling}) {
            if (!(scaling > 0 && scaling <= MAX_SCALING)) {
                throw new IllegalArgumentException("velocity and acceleration scaling must be in (0, " + MAX_SCALING
                        + "], got " + velocityScaling + " and " + accelerationScaling);
            }
        }
    }

    /** The first waypoint outside the envelope, described; empty when every waypoint is inside. */
    public Optional<String> violation(MotionPlan plan) {
        for (Waypoint w : plan.waypoints()) {
            if (w.z() < minZ || w.z() > maxZ) {
                return Optional.of(String.format(Locale.ROOT, "%s is at height %.3f m, outside [%.3f, %.3f]",
                        w, w.z(), minZ, maxZ));
            }
            if (!contains(new PlanePoint(w.x(), w.y()))) {
                return Optional.of(w + " is outside the calibrated workspace polygon");
            }
        }
        return Optional.empty();
    }

    /** Point in polygon by ray casting; points on an edge count as inside. */
    public boolean contains(PlanePoint p) {
        boolean inside = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            PlanePoint a = polygon.get(i);
            PlanePoint b = polygon.get(j);
            if (onSegment(p, a, b)) {
                return true;
            }
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(PlanePoint p, PlanePoint a, PlanePoint b) {
        double cross = (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
        if (Math.abs(cross) > 1e-12) {
            return false;
        }
        return p.x() >= Math.min(a.x(), b.x()) - 1e-12 && p.x() <= Math.max(a.x(), b.x()) + 1e-12
                && p.y() >= Math.min(a.y(), b.y()) - 1e-12 && p.y() <= Math.max(a.y(), b.y()) + 1e-12;
    }
}
