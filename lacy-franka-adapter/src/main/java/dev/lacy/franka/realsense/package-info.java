/**
 * The Intel RealSense D415 as a {@link dev.lacy.core.port.Camera}: frames from a
 * {@link dev.lacy.franka.realsense.FrameSource} (the native librealsense2 pipeline through JavaCPP,
 * or a synthetic source in tests) converted to observations by a tested pure-Java converter.
 */
package dev.lacy.franka.realsense;
