package dev.lacy.dataset;

import java.nio.file.Path;

/** A file that cannot be read as what it should be; the message names the file, the place and the problem. */
public final class MalformedFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public MalformedFileException(Path file, String where, String problem) {
        super(file + (where.isEmpty() ? "" : ": " + where) + ": " + problem);
        this.file = file;
    }

    public MalformedFileException(Path file, String where, String problem, Throwable cause) {
        super(file + (where.isEmpty() ? "" : ": " + where) + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
