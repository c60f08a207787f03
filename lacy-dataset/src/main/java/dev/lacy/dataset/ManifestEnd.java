package dev.lacy.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A manifest's newline-terminated lines, counted by streaming through the file (never holding it: a manifest of
 * millions of lines is counted in seconds, in constant memory), and what follows its last newline.
 */
record ManifestEnd(long terminatedLines, long tailStart, byte[] tail) {

    private static final int CHUNK = 1 << 20;

    static ManifestEnd of(Path manifest) throws IOException {
        try (FileChannel channel = FileChannel.open(manifest, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long lines = 0;
            long lastNewline = -1;
            long position = 0;
            while (position < size) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                byte[] bytes = buffer.array();
                for (int i = 0; i < read; i++) {
                    if (bytes[i] == '\n') {
                        lines++;
                        lastNewline = position + i;
                    }
                }
                position += read;
            }
            long tailStart = lastNewline + 1;
            long tailLength = position - tailStart;
            if (tailLength > Integer.MAX_VALUE - 8) {
                throw new MalformedFileException(manifest, "line " + (lines + 1), tailLength + " bytes without a newline");
            }
            ByteBuffer tail = ByteBuffer.allocate((int) tailLength);
            while (tail.hasRemaining() && channel.read(tail, tailStart + tail.position()) > 0) {
                // read the tail whole
            }
            return new ManifestEnd(lines, tailStart, tail.array());
        }
    }

    /** Whether the bytes after the last newline are a whole line: one JSON object and nothing else but blanks. */
    boolean tailIsSample(ObjectMapper mapper) {
        return tail.length > 0 && isSample(mapper, new String(tail, StandardCharsets.UTF_8));
    }

    static boolean isSample(ObjectMapper mapper, String line) {
        if (line.isBlank()) {
            return false;
        }
        try {
            JsonNode node = mapper.readTree(line);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
