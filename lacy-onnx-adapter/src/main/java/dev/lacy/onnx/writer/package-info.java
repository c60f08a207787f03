/**
 * Writers of the files a model package holds: ONNX graphs (the protobuf wire format, field by
 * field) and {@code .onnx_adapter} LoRA adapters (ONNX Runtime's flatbuffer format). Used by the
 * trainer's export and by tests that build models. Depends on protobuf-java and flatbuffers-java only.
 */
package dev.lacy.onnx.writer;
