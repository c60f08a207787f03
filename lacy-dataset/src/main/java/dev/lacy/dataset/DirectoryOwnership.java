package dev.lacy.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Which directories this process writes: one process at a time owns a dataset (or model) directory, through an
 * operating-system lock on {@code DIR/.lock} that holds the owner's pid. The lock lasts until the process ends (the
 * operating system releases it even after kill -9) or until {@link #release}; a second process that tries to own the
 * directory meanwhile gets a {@link DirectoryInUseException} naming the owner. Within one process ownership is shared
 * (the threads of one command may append to one dataset; {@link FileDatasetStore} serialises them).
 */
public final class DirectoryOwnership {

    /** The lock file inside an owned directory. */
    public static final String LOCK_FILE = ".lock";

    private static final Map<Path, Owned> OWNED = new HashMap<>();

    /** What this process holds for one directory; its monitor serialises the process's writers. */
    static final class Owned {
        private final FileChannel channel;
        private final FileLock lock;
        /** Committed samples of a dataset directory, once counted; -1 before. Guarded by this object's monitor. */
        long committed = -1;
        /** The manifest's length when {@link #committed} was last set. Guarded by this object's monitor. */
        long bytes = -1;

        private Owned(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private DirectoryOwnership() {
    }

    /**
     * Makes this process the owner of {@code directory} (created if missing), or confirms that it already is.
     *
     * @throws DirectoryInUseException when another process owns it
     */
    public static void own(Path directory) {
        owned(directory);
    }

    /** Whether this process owns {@code directory}. */
    public static synchronized boolean owns(Path directory) {
        return OWNED.containsKey(key(directory));
    }

    /** Gives up this process's ownership of {@code directory}; nothing when it does not own it. */
    public static synchronized void release(Path directory) {
        Owned owned = OWNED.remove(key(directory));
        if (owned != null) {
            try {
                owned.lock.release();
                owned.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the lock on " + directory, e);
            }
        }
    }

    static synchronized Owned owned(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + IoErrors.describe(e), e);
        }
        Path key = key(directory);
        Owned owned = OWNED.get(key);
        if (owned != null) {
            return owned;
        }
        Path file = key.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new DirectoryInUseException(key, owner);
            }
            channel.truncate(0);
            AtomicFiles.writeFully(channel, ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            owned = new Owned(channel, lock);
            OWNED.put(key, owned);
            return owned;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d{1,19}") ? text : "";
    }

    private static Path key(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock failed already; that is the error to report
            }
        }
    }

}
