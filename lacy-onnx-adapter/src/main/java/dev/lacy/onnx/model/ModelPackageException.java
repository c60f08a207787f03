package dev.lacy.onnx.model;

import java.nio.file.Path;

/** A model package that cannot be used: the message names the package, the file or field, and the problem. */
public final class ModelPackageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelPackageException(Path packageDirectory, String problem) {
        super("model package " + packageDirectory + ": " + problem);
    }

    public ModelPackageException(Path packageDirectory, String problem, Throwable cause) {
        super("model package " + packageDirectory + ": " + problem, cause);
    }
}
