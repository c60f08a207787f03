/**
 * CoppeliaSim as the backend of {@link dev.lacy.core.port.RobotArm}, {@link dev.lacy.core.port.Camera}
 * and {@link dev.lacy.core.port.SceneStager}: a client of CoppeliaSim's ZeroMQ remote API (protocol
 * version 2, CoppeliaSim 4.6 and later) spoken over JeroMQ and CBOR, and a table that moves the
 * robot's IK target in stepping mode. Depends on the core and the tabletop catalogue.
 */
package dev.lacy.sim.coppeliasim;
