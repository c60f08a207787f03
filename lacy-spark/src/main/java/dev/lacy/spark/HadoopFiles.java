package dev.lacy.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any Hadoop-compatible file system ({@code file:}, {@code hdfs:}, {@code s3a:} with its connector): the few
 * operations the jobs need, with errors that name the path. A path without a scheme is a local path.
 */
final class HadoopFiles {

    private final Configuration conf;

    HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** A job's location as given by the user: a URI, or a local path made absolute (executors share no working directory). */
    static String qualify(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
            return location;
        }
        return java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }

    FileSystem fs(Path path) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            // the local file system without its .crc files beside every image: a dataset reads as lacy generate's does
            return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + path + ": " + e.getMessage(), e);
        }
    }

    boolean exists(Path path) {
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path + ": " + e.getMessage(), e);
        }
    }

    boolean isEmptyDirectory(Path path) {
        try {
            return fs(path).listStatus(path).length == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    byte[] read(Path path) {
        try (InputStream in = fs(path).open(path)) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(path + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The newline-terminated lines of a text file (a last line without its newline counts as a line). */
    List<String> lines(Path path) {
        String text = new String(read(path), StandardCharsets.UTF_8);
        var lines = new ArrayList<String>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            lines.add(text.substring(from, end));
            from = end + 1;
        }
        return lines;
    }

    /** Writes {@code bytes} to {@code path}, replacing what is there. */
    void write(Path path, byte[] bytes) {
        try (FSDataOutputStream out = fs(path).create(path, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} beside {@code path}, then renames it there: a reader sees all of it or nothing. */
    void writeAtomically(Path path, byte[] bytes) {
        Path temporary = new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        write(temporary, bytes);
        try {
            FileSystem fs = fs(path);
            if (fs.exists(path) && !fs.delete(path, false)) {
                throw new IOException("cannot replace it");
            }
            if (!fs.rename(temporary, path)) {
                throw new IOException("the rename from " + temporary + " failed");
            }
        } catch (IOException e) {
            delete(temporary);
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Renames {@code from} to {@code to}, which must not exist; false when it does (another writer was first). */
    boolean renameIfAbsent(Path from, Path to) {
        try {
            FileSystem fs = fs(to);
            if (fs.exists(to)) {
                return false;
            }
            if (!fs.rename(from, to)) {
                if (fs.exists(to)) {
                    return false;
                }
                throw new IOException("the rename failed");
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    void rename(Path from, Path to) {
        try {
            FileSystem fs = fs(to);
            fs.mkdirs(to.getParent());
            if (!fs.rename(from, to)) {
                throw new IOException("the rename failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    void mkdirs(Path path) {
        try {
            fs(path).mkdirs(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + ": " + e.getMessage(), e);
        }
    }

    void delete(Path path) {
        try {
            fs(path).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** A copy of the directory {@code from} in the local directory {@code to} (which it creates). */
    void copyToLocal(Path from, java.nio.file.Path to) {
        try {
            FileSystem fs = fs(from);
            java.nio.file.Files.createDirectories(to);
            for (var status : fs.listStatus(from)) {
                if (status.isFile()) {
                    try (InputStream in = fs.open(status.getPath())) {
                        java.nio.file.Files.copy(in, to.resolve(status.getPath().getName()));
                    }
                }
            }
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(from + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    static byte[] utf8(List<String> lines) {
        var out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
