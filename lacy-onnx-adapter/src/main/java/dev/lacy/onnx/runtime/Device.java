package dev.lacy.onnx.runtime;

/** Where the graphs run: the CPU, an NVIDIA GPU through CUDA, or CUDA when available and else the CPU. */
public enum Device {
    CPU,
    CUDA,
    AUTO
}
