/**
 * The DJL (PyTorch engine) adapter of {@link dev.lacy.core.port.Trainer}: lacy-tiny written as NDArray operations,
 * base pretraining and LoRA fine-tuning with resumable checkpoints, and the export to a model package through the
 * ONNX adapter's writers (docs/trainer.md). Depends on the core, DJL and the ONNX adapter's writers.
 */
package dev.lacy.trainer;
