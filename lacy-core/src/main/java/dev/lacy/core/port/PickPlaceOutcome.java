package dev.lacy.core.port;

import dev.lacy.core.scene.Point;

/** What happened when an arm executed a pick-and-place. */
public sealed interface PickPlaceOutcome {

    /** The object was grasped and released at {@code placedAt}. */
    record Placed(String object, Point placedAt) implements PickPlaceOutcome {
    }

    /** Nothing was grasped at the pick point; nothing moved. */
    record NothingGrasped(Point pick, String reason) implements PickPlaceOutcome {
    }

    /** The object was grasped but could not be placed; it went back where it was. */
    record PlaceFailed(String object, Point place, String reason) implements PickPlaceOutcome {
    }

    /** The arm refused to move (outside its workspace or safety envelope); nothing moved. */
    record Refused(String reason) implements PickPlaceOutcome {
    }

    /** The outcome in words, for logs and reports: "placed the lemon at (0.773,0.531)", "grasped nothing: ...". */
    default String describe() {
        if (this instanceof Placed placed) {
            return "placed the " + placed.object() + " at " + placed.placedAt().format();
        }
        if (this instanceof NothingGrasped nothing) {
            return "grasped nothing: " + nothing.reason();
        }
        if (this instanceof PlaceFailed failed) {
            return "could not place the " + failed.object() + ": " + failed.reason();
        }
        return "refused: " + ((Refused) this).reason();
    }

    /** True when the object was grasped and released at the place point. */
    default boolean placed() {
        return this instanceof Placed;
    }
}
