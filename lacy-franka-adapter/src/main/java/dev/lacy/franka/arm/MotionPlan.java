package dev.lacy.franka.arm;

import java.util.List;
import java.util.stream.Collectors;

/** The waypoints of one pick-and-place, in order, with the gripper commands between them. */
public record MotionPlan(List<Waypoint> waypoints) {

    public MotionPlan {
        waypoints = List.copyOf(waypoints);
    }

    public String describe() {
        return waypoints.stream().map(Waypoint::toString).collect(Collectors.joining(" -> "));
    }
}
