package dev.lacy.onnx.writer;

/** Tensor element types, with their ONNX {@code TensorProto.DataType} codes. */
public enum ElementType {
    FLOAT(1),
    INT32(6),
    INT64(7),
    BOOL(9);

    final int code;

    ElementType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
