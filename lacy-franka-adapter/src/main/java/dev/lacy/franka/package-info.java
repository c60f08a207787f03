/**
 * The real robot: a Franka Panda behind {@link dev.lacy.core.port.RobotArm} (ROS 2 through rosbridge,
 * MoveIt 2 and the franka_gripper actions, inside a safety envelope) and an Intel RealSense D415
 * behind {@link dev.lacy.core.port.Camera}. Depends on the core only.
 */
package dev.lacy.franka;
