/**
 * The real-robot adapters of {@link dev.lacy.core.port.RobotArm} and {@link dev.lacy.core.port.Camera}: a Franka Panda over ROS 2 (rosbridge) and a RealSense D415. Depends on the core only; not implemented yet (its issue is open).
 */
package dev.lacy.franka;
