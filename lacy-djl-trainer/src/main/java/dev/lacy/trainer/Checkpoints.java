package dev.lacy.trainer;

import ai.djl.ndarray.NDArray;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A stage's checkpoint: one file with the run's fingerprint, the number of steps done, every
 * parameter and both AdamW moments, written through a temporary file, forced to disk and renamed,
 * so that a crash leaves the previous checkpoint whole. A checkpoint of another run (other data,
 * settings or seed) is an error rather than silently ignored or reused.
 */
final class Checkpoints {

    private static final int MAGIC = 0x4c414359; // "LACY"

    private Checkpoints() {
    }

    /** The steps already done (0 without a checkpoint), after loading the arrays from the checkpoint. */
    static int resume(Path file, String fingerprint, Map<String, NDArray> parameters, Map<String, NDArray> first,
                      Map<String, NDArray> second) {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(file + " is not a LACY training checkpoint");
            }
            String stored = in.readUTF();
            if (!stored.equals(fingerprint)) {
                throw new IllegalStateException(file + " is the checkpoint of another training run (other data, settings "
                        + "or seed); delete it to start this one afresh");
            }
            int steps = in.readInt();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int kind = in.readByte();
                int length = in.readInt();
                byte[] bytes = new byte[length * Float.BYTES];
                in.readFully(bytes);
                float[] values = new float[length];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                Map<String, NDArray> target = kind == 0 ? parameters : kind == 1 ? first : second;
                NDArray array = target.get(name);
                if (array == null || array.size() != length) {
                    throw new IllegalStateException(file + ": '" + name + "' does not fit this model");
                }
                array.set(values);
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file, e);
        }
    }

    static void save(Path file, String fingerprint, int steps, Map<String, NDArray> parameters, Map<String, NDArray> first,
                     Map<String, NDArray> second) {
        if (file == null) {
            return;
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(fingerprint);
                out.writeInt(steps);
                out.writeInt(parameters.size() + first.size() + second.size());
                write(out, parameters, 0);
                write(out, first, 1);
                write(out, second, 2);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    private static void write(DataOutputStream out, Map<String, NDArray> arrays, int kind) throws IOException {
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            float[] values = entry.getValue().toFloatArray();
            out.writeUTF(entry.getKey());
            out.writeByte(kind);
            out.writeInt(values.length);
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            out.write(buffer.array());
        }
    }
}
