package dev.lacy.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Model packages where ONNX Runtime can open them: a package on the local file system is used where it is; one on
 * another file system ({@code hdfs:}, {@code s3a:}) is copied once per executor into a temporary directory, deleted
 * when the executor ends.
 */
final class ModelPackages {

    private static final Map<String, Path> COPIES = new HashMap<>();

    private ModelPackages() {
    }

    static synchronized Path local(HadoopFiles files, String location) {
        URI uri = URI.create(location);
        if ("file".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        Path copy = COPIES.get(location);
        if (copy == null) {
            try {
                copy = Files.createTempDirectory("lacy-model-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary directory for the model " + location, e);
            }
            files.copyToLocal(new org.apache.hadoop.fs.Path(location), copy);
            Path made = copy;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(made)));
            COPIES.put(location, copy);
        }
        return copy;
    }

    private static void deleteQuietly(Path directory) {
        try (var children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                Files.deleteIfExists(child);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary copy: the system's temporary directory is cleaned anyway
        }
    }
}
