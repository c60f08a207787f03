/**
 * {@link dev.lacy.core.port.VisionLanguageModel} on ONNX Runtime Java: the vision, embedding and
 * decoder graphs of a model package, a KV cache fed back from {@code present.*}, greedy and sampled
 * decoding with n samples decoded as one batch, per-task LoRA adapters, and the L2C confidence from
 * the logits of {@code 1} and {@code 0}. CPU by default, CUDA when asked.
 */
package dev.lacy.onnx.runtime;
