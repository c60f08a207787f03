package dev.lacy.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** Writes that survive a crash: to a temporary file, forced to disk, then renamed over the target. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    private static final AtomicLong TEMPORARIES = new AtomicLong();

    /**
     * Replaces {@code target} with {@code bytes} so that a crash leaves either the old file or the new one. The
     * temporary file beside it is unique to this writer (process and call), and removed when the write fails.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + TEMPORARIES.incrementAndGet() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Makes {@code target} another name of {@code existing}'s file (a hard link: no bytes written, nothing to force but
     * the directory's entries, {@link #syncDirectory}), replacing whatever {@code target} was, so that a crash leaves
     * the old entry or the new one. False, with nothing changed, where the file system has no hard links: the caller
     * writes a copy then.
     */
    public static boolean link(Path target, Path existing) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + TEMPORARIES.incrementAndGet() + ".tmp");
        try {
            try {
                Files.createLink(temporary, existing);
            } catch (UnsupportedOperationException e) {
                return false;
            } catch (java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.FileAlreadyExistsException) {
                    throw e;
                }
                // a file system without hard links (EPERM, EXDEV, ...): a copy will do
                return false;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Appends {@code bytes} to {@code file} in one write and forces them to disk before returning. */
    public static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(channel, ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries (the renames into it) to disk, so that a file renamed there
     * survives a power loss before anything that refers to it is written. A no-op where the
     * platform cannot open directories (Windows).
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
