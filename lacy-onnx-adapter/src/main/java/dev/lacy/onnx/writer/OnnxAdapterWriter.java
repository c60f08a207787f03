package dev.lacy.onnx.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes LoRA adapters in ONNX Runtime's {@code .onnx_adapter} format: a flatbuffer with the file
 * identifier {@code TORT} whose root table {@code Adapter} holds {@code format_version} (1),
 * {@code adapter_version}, {@code model_version} and a vector of {@code Parameter} tables
 * ({@code name}, {@code dims}, {@code data_type}, {@code raw_data} aligned to 8), as ONNX Runtime's
 * {@code adapter_schema.fbs} defines them. Parameters are the overridable graph inputs
 * {@code <matmul>.lora_A} and {@code <matmul>.lora_B}.
 */
public final class OnnxAdapterWriter {

    public static final int FORMAT_VERSION = 1;

    private final List<Parameter> parameters = new ArrayList<>();

    private record Parameter(String name, long[] dims, float[] values) {
    }

    /** Adds a float parameter; {@code values} is row-major. */
    public OnnxAdapterWriter parameter(String name, long[] dims, float[] values) {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("adapter parameter " + name + " has " + values.length + " values for "
                    + count + " elements");
        }
        parameters.add(new Parameter(name, dims.clone(), values.clone()));
        return this;
    }

    public byte[] write(int adapterVersion, int modelVersion) {
        var builder = new FlatBufferBuilder(1024);
        int[] offsets = new int[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            offsets[i] = parameter(builder, parameters.get(i));
        }
        builder.startVector(4, offsets.length, 4);
        for (int i = offsets.length - 1; i >= 0; i--) {
            builder.addOffset(offsets[i]);
        }
        int vector = builder.endVector();
        builder.startTable(4);
        builder.addInt(0, FORMAT_VERSION, 0);
        builder.addInt(1, adapterVersion, 0);
        builder.addInt(2, modelVersion, 0);
        builder.addOffset(3, vector, 0);
        int root = builder.endTable();
        builder.finish(root, "TORT");
        return builder.sizedByteArray();
    }

    private static int parameter(FlatBufferBuilder builder, Parameter p) {
        int name = builder.createString(p.name());
        builder.startVector(8, p.dims().length, 8);
        for (int i = p.dims().length - 1; i >= 0; i--) {
            builder.addLong(p.dims()[i]);
        }
        int dims = builder.endVector();
        ByteBuffer raw = ByteBuffer.allocate(p.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(p.values());
        byte[] bytes = raw.array();
        builder.startVector(1, bytes.length, 8);
        for (int i = bytes.length - 1; i >= 0; i--) {
            builder.addByte(bytes[i]);
        }
        int data = builder.endVector();
        builder.startTable(4);
        builder.addOffset(0, name, 0);
        builder.addOffset(1, dims, 0);
        builder.addInt(2, ElementType.FLOAT.code(), 0);
        builder.addOffset(3, data, 0);
        return builder.endTable();
    }
}
