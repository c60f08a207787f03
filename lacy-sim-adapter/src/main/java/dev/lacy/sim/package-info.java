/**
 * Simulated workcells behind the {@link dev.lacy.core.port.RobotArm}, {@link dev.lacy.core.port.Camera}
 * and {@link dev.lacy.core.port.SceneStager} ports: the embedded tabletop (the default backend) and
 * CoppeliaSim over its ZeroMQ remote API. Depends on the core, and for CoppeliaSim on JeroMQ and CBOR.
 */
package dev.lacy.sim;
