/**
 * Model packages: a directory with a {@code lacy-model.json} manifest, a Hugging Face
 * {@code tokenizer.json}, the ONNX graphs and LoRA adapters, every file checked against its sha256.
 * Read and validated here; written by {@link dev.lacy.onnx.writer.ModelPackageWriter}.
 */
package dev.lacy.onnx.model;
