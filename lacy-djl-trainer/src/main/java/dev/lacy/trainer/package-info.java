/**
 * The DJL (PyTorch engine) adapter of {@link dev.lacy.core.port.Trainer}. Depends on the core and may use the ONNX adapter's writers; not implemented yet (its issue is open).
 */
package dev.lacy.trainer;
