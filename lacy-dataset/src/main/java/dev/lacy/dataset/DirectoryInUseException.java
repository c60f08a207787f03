package dev.lacy.dataset;

import java.nio.file.Path;

/** Another process owns a directory this one wants to write ({@link DirectoryOwnership}): a user's mistake, not a fault. */
public final class DirectoryInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final String ownerPid;

    public DirectoryInUseException(Path directory, String ownerPid) {
        super(directory + " is being written by " + (ownerPid.isEmpty() ? "another process" : "process " + ownerPid)
                + " (lock " + directory.resolve(DirectoryOwnership.LOCK_FILE) + "): wait for it to end, or write elsewhere");
        this.directory = directory;
        this.ownerPid = ownerPid;
    }

    public Path directory() {
        return directory;
    }

    /** The owner's pid as its lock file names it; empty when it could not be read. */
    public String ownerPid() {
        return ownerPid;
    }
}
