package dev.lacy.core.port;

import dev.lacy.core.scene.PickPlaceAction;

/** An arm that executes pick-and-place actions given in normalized workspace coordinates. */
public interface RobotArm extends AutoCloseable {

    /** Executes the action and says what happened; never throws for an action that merely fails. */
    PickPlaceOutcome pickAndPlace(PickPlaceAction action);

    @Override
    void close();
}
