/**
 * The lacy-tiny architecture, defined once: its sizes ({@link dev.lacy.onnx.tiny.TinyLlavaConfig}), its weights
 * ({@link dev.lacy.onnx.tiny.TinyLlavaWeights}), the table of its parameters' names and shapes
 * ({@link dev.lacy.onnx.tiny.TinyLlavaParameters}) and its rotary positions ({@link dev.lacy.onnx.tiny.Rotary}). The
 * ONNX graph writers, the trainer's DJL network and the tests' reference forward pass all read the model from here.
 * Depends on nothing but the JDK.
 */
package dev.lacy.onnx.tiny;
