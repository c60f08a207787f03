/**
 * Writers of the files a model package holds: ONNX graphs (the protobuf wire format, field by
 * field) and {@code .onnx_adapter} LoRA adapters (ONNX Runtime's flatbuffer format). Used by the
 * trainer's export and by tests that build models. Depends on protobuf-java, flatbuffers-java and the lacy-tiny definition ({@code dev.lacy.onnx.tiny}).
 */
package dev.lacy.onnx.writer;
