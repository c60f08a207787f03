/**
 * Simulated workcells behind the {@link dev.lacy.core.port.RobotArm}, {@link dev.lacy.core.port.Camera}
 * and {@link dev.lacy.core.port.SceneStager} ports: the embedded tabletop (the default backend) and,
 * with its issue, CoppeliaSim. Depends on the core only.
 */
package dev.lacy.sim;
