/**
 * The Franka Panda as a {@link dev.lacy.core.port.RobotArm}: poses computed from normalized points
 * through a table calibration, a safety envelope enforced before anything is sent, a dry-run mode,
 * an operator's confirmation before the first motion, and motion through MoveIt 2 over rosbridge.
 */
package dev.lacy.franka.arm;
