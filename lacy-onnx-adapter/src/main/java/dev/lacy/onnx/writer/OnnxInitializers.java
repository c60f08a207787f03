package dev.lacy.onnx.writer;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the float initializers of an ONNX model in the protobuf wire format (the field numbers of
 * {@code onnx.proto}: ModelProto.graph 7, GraphProto.initializer 5, TensorProto data_type 2, name 8,
 * raw_data 9, float_data 4). Other initializers are skipped.
 */
public final class OnnxInitializers {

    private static final int FLOAT = 1;

    private OnnxInitializers() {
    }

    /** Initializer name to its values, row-major. */
    public static Map<String, float[]> read(byte[] model) throws IOException {
        var result = new LinkedHashMap<String, float[]>();
        CodedInputStream in = CodedInputStream.newInstance(model);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag >>> 3 == 7) {
                CodedInputStream graph = in.readBytes().newCodedInput();
                for (int g = graph.readTag(); g != 0; g = graph.readTag()) {
                    if (g >>> 3 == 5) {
                        tensor(graph.readBytes().toByteArray(), result);
                    } else {
                        graph.skipField(g);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return result;
    }

    private static void tensor(byte[] bytes, Map<String, float[]> out) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int type = 0;
        String name = null;
        float[] values = null;
        var floats = new java.io.ByteArrayOutputStream();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 2 -> type = in.readInt32();
                case 8 -> name = in.readString();
                case 9 -> {
                    ByteBuffer raw = in.readBytes().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    values = new float[raw.remaining() / Float.BYTES];
                    raw.asFloatBuffer().get(values);
                }
                case 4 -> {
                    if ((tag & 7) == 2) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            writeFloat(floats, in.readFloat());
                        }
                        in.popLimit(limit);
                    } else {
                        writeFloat(floats, in.readFloat());
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (type != FLOAT || name == null) {
            return;
        }
        if (values == null) {
            ByteBuffer buffer = ByteBuffer.wrap(floats.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            values = new float[buffer.remaining() / Float.BYTES];
            buffer.asFloatBuffer().get(values);
        }
        out.put(name, values);
    }

    private static void writeFloat(java.io.ByteArrayOutputStream out, float value) {
        int bits = Float.floatToRawIntBits(value);
        out.write(bits);
        out.write(bits >>> 8);
        out.write(bits >>> 16);
        out.write(bits >>> 24);
    }
}
