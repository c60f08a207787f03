package dev.lacy.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rule every command that writes follows before any work: its output is neither one of its inputs, nor inside
 * one, nor a directory that holds one (a model package or dataset written there would replace or mix with what the
 * command reads). Paths are compared after resolving symbolic links as far as they exist.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * Refuses {@code out} (named {@code outOption}) when it overlaps one of {@code inputs} (option name to path);
     * the error names both options and paths.
     */
    static void requireApart(String outOption, Path out, Map<String, Path> inputs) {
        Path o = resolved(out);
        inputs.forEach((option, input) -> {
            if (input == null) {
                return;
            }
            Path i = resolved(input);
            String relation = o.equals(i) ? "is" : o.startsWith(i) ? "is inside" : i.startsWith(o) ? "holds" : null;
            if (relation != null) {
                throw new IllegalArgumentException(outOption + " " + out + " " + relation + " the input " + option + " "
                        + input + ": an output may not replace or mix with what the command reads; write elsewhere");
            }
        });
    }

    /**
     * Makes this process the only writer of the output directory {@code out} (created now): another command writing
     * there is refused naming its process, and an output that cannot be created or written fails before any work,
     * not at the first checkpoint.
     */
    static void own(Path out) {
        dev.lacy.dataset.DirectoryOwnership.own(out);
    }

    /** Refuses an output file that is a directory, or whose parent cannot hold it, before any work. */
    static void requireFile(String option, Path out) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a directory; give the file to write");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + out + ": " + parent + " is not a directory");
        }
    }

    /** Refuses {@code out} when it is {@code input} or inside it (a directory an output may hold, not enter). */
    static void requireNotInside(String outOption, Path out, String inputOption, Path input) {
        if (resolved(out).startsWith(resolved(input))) {
            throw new IllegalArgumentException(outOption + " " + out + " is or is inside the input " + inputOption + " "
                    + input + ": an output may not replace or mix with what the command reads; write elsewhere");
        }
    }

    /** The absolute path with its existing part's symbolic links resolved (the rest as given, normalised). */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
