package dev.lacy.examples.wiring;

import dev.lacy.franka.arm.FrankaConfig;
import dev.lacy.franka.realsense.FrameConverter;

/** Everything a Franka workcell needs: the arm's configuration and how the RealSense frames are taken. */
public record FrankaSetup(FrankaConfig arm, int cameraWidth, int cameraHeight, int cameraFps, FrameConverter converter) {
}
