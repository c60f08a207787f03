package dev.lacy.onnx.writer;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX model (IR version 8, default opset 17) and writes it in the protobuf wire format,
 * field by field with the field numbers of {@code onnx.proto}. Inputs may have initializer defaults
 * (an input and an initializer of the same name): a caller may feed them, and ONNX Runtime uses
 * the default otherwise. Dimensions are fixed sizes ({@link Integer}/{@link Long}) or symbolic names
 * ({@link String}). Not thread-safe; build once.
 */
public final class OnnxGraphBuilder {

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int nodeCount;

    public OnnxGraphBuilder(String name) {
        this.name = name;
    }

    public OnnxGraphBuilder input(String input, ElementType type, Object... dims) {
        unique(input);
        inputs.add(valueInfo(input, type, dims));
        return this;
    }

    public OnnxGraphBuilder output(String output, ElementType type, Object... dims) {
        outputs.add(valueInfo(output, type, dims));
        return this;
    }

    /** A float constant, e.g. a weight; also an overridable input when {@link #input} names it too. */
    public OnnxGraphBuilder initializer(String tensor, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(tensor, ElementType.FLOAT, dims, values.length, raw.array());
    }

    public OnnxGraphBuilder initializer(String tensor, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(tensor, ElementType.INT64, dims, values.length, raw.array());
    }

    private OnnxGraphBuilder initializer(String tensor, ElementType type, long[] dims, int count, byte[] littleEndian) {
        requireCount(tensor, dims, count);
        initializers.add(tensor(tensor, type, dims, littleEndian));
        return this;
    }

    public OnnxGraphBuilder node(String opType, List<String> nodeInputs, List<String> nodeOutputs, Attribute... attributes) {
        nodes.add(message(out -> {
            for (String in : nodeInputs) {
                out.writeString(1, in);
            }
            for (String o : nodeOutputs) {
                out.writeString(2, o);
            }
            out.writeString(3, opType + "_" + nodeCount++);
            out.writeString(4, opType);
            for (Attribute attribute : attributes) {
                out.writeByteArray(5, attribute(attribute));
            }
        }));
        return this;
    }

    /** The model, serialized. */
    public byte[] build() {
        byte[] graph = message(out -> {
            for (byte[] node : nodes) {
                out.writeByteArray(1, node);
            }
            out.writeString(2, name);
            for (byte[] initializer : initializers) {
                out.writeByteArray(5, initializer);
            }
            for (byte[] input : inputs) {
                out.writeByteArray(11, input);
            }
            for (byte[] output : outputs) {
                out.writeByteArray(12, output);
            }
        });
        return message(out -> {
            out.writeInt64(1, IR_VERSION);
            out.writeString(2, "lacy");
            out.writeByteArray(7, graph);
            out.writeByteArray(8, message(opset -> {
                opset.writeString(1, "");
                opset.writeInt64(2, OPSET);
            }));
        });
    }

    private static byte[] valueInfo(String name, ElementType type, Object[] dims) {
        byte[] shape = message(out -> {
            for (Object dim : dims) {
                out.writeByteArray(1, message(d -> {
                    if (dim instanceof String symbol) {
                        d.writeString(2, symbol);
                    } else {
                        d.writeInt64(1, ((Number) dim).longValue());
                    }
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, type.code);
            out.writeByteArray(2, shape);
        });
        return message(out -> {
            out.writeString(1, name);
            out.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));
        });
    }

    private static byte[] tensor(String name, ElementType type, long[] dims, byte[] raw) {
        return message(out -> {
            for (long dim : dims) {
                out.writeInt64(1, dim);
            }
            out.writeInt32(2, type.code);
            out.writeString(8, name);
            out.writeByteArray(9, raw);
        });
    }

    private static byte[] attribute(Attribute attribute) {
        return message(out -> {
            out.writeString(1, attribute.name());
            if (attribute instanceof Attribute.Int i) {
                out.writeInt64(3, i.value());
                out.writeInt32(20, 2);
            } else if (attribute instanceof Attribute.Float f) {
                out.writeFloat(2, f.value());
                out.writeInt32(20, 1);
            } else if (attribute instanceof Attribute.Ints ints) {
                for (long value : ints.values()) {
                    out.writeInt64(8, value);
                }
                out.writeInt32(20, 7);
            } else {
                out.writeByteArray(4, ((Attribute.Text) attribute).value().getBytes(StandardCharsets.UTF_8));
                out.writeInt32(20, 3);
            }
        });
    }

    private void unique(String input) {
        if (!names.add(input)) {
            throw new IllegalArgumentException("graph " + name + " already has an input named " + input);
        }
    }

    private static void requireCount(String tensor, long[] dims, int count) {
        long expected = 1;
        for (long dim : dims) {
            expected *= dim;
        }
        if (expected != count) {
            throw new IllegalArgumentException("tensor " + tensor + " has " + count + " values for " + expected + " elements");
        }
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        var bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
