/**
 * Calibration between the camera image and the robot's table plane: points on a plane, point
 * pairs, and the affine or projective (homography) maps fitted to them. Used by every adapter that
 * moves a real or simulated arm from normalized image coordinates. Depends on the scene package only.
 */
package dev.lacy.core.calibration;
