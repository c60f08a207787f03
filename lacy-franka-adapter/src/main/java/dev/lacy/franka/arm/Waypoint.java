package dev.lacy.franka.arm;

import java.util.Locale;

/** One pose of a motion plan: a name and the tool position in the robot's base frame (metres). */
public record Waypoint(String name, double x, double y, double z) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.3f, %.3f, %.3f)", name, x, y, z);
    }
}
