package dev.lacy.franka.arm;

/**
 * Asks the operator to confirm the first motion after start-up. A console implementation lives in
 * the command line; an application may show the plan in its own UI.
 */
@FunctionalInterface
public interface MotionConfirmation {

    /** True when the operator allows this plan to run. */
    boolean confirm(MotionPlan plan);
}
