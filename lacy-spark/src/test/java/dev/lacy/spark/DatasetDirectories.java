package dev.lacy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compares what two writers left in dataset directories: the same files, byte for byte (writers' lock files aside). */
final class DatasetDirectories {

    private DatasetDirectories() {
    }

    static void assertSameDataset(Path expected, Path actual) throws IOException {
        List<String> expectedFiles = files(expected);
        assertThat(files(actual)).as("files of %s", actual).containsExactlyElementsOf(expectedFiles);
        for (String file : expectedFiles) {
            assertThat(Files.readAllBytes(actual.resolve(file))).as("%s in %s", file, actual)
                    .isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(".lock"))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
