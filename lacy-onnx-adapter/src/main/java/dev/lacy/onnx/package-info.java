/**
 * The ONNX Runtime adapter of {@link dev.lacy.core.port.VisionLanguageModel}: model packages, KV-cache decoding, LoRA adapters, CUDA. Depends on the core only; not implemented yet (its issue is open).
 */
package dev.lacy.onnx;
