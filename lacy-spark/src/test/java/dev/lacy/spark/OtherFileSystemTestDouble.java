package dev.lacy.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system under a scheme of its own ({@code lacyfs:}) over the local disk: to the jobs it is what
 * {@code hdfs:} or {@code s3a:} is (not {@code file:}), so that they take the paths a cluster gives them, and copy a
 * model package to a local directory before ONNX Runtime opens it.
 */
public final class OtherFileSystemTestDouble extends RawLocalFileSystem {

    static final String SCHEME = "lacyfs";

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    /** {@code lacyfs:///abs/path} for a local path. */
    static String uri(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath().normalize();
    }
}
