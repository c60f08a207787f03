/**
 * The ONNX Runtime adapter of {@link dev.lacy.core.port.VisionLanguageModel}: model packages, KV-cache decoding,
 * LoRA adapters, CUDA, the lacy-tiny definition, and the writers of its graphs and adapters (docs/model-package.md). Depends on the
 * core, ONNX Runtime, DJL's tokenizers, Jackson and the writers' protobuf and flatbuffers libraries.
 */
package dev.lacy.onnx;
