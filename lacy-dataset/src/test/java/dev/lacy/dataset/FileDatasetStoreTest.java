package dev.lacy.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.contract.AbstractDatasetStoreContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDatasetStoreTest extends AbstractDatasetStoreContractTest {

    @TempDir
    Path root;

    @Override
    protected DatasetStore createStore() {
        return new FileDatasetStore(root.resolve("store-" + System.nanoTime()));
    }

    @Test
    void aTornFinalLineFromACrashIsNotCommittedAndTheNextAppendRemovesIt() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1)));
        Path manifest = root.resolve("train").resolve(FileDatasetStore.MANIFEST);
        Files.writeString(manifest, "{\"kind\": \"demonstra", java.nio.file.StandardOpenOption.APPEND);

        assertThat(store.read("train")).containsExactly(demonstration(1));
        assertThat(store.size("train")).isEqualTo(1);

        store.append("train", List.of(demonstration(2)));
        assertThat(store.read("train")).containsExactly(demonstration(1), demonstration(2));
        assertThat(Files.readString(manifest)).doesNotContain("demonstra\"");
    }

    @Test
    void aCorruptedLineIsReportedWithFileAndLineNotSkipped() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2), demonstration(3)));
        Path manifest = root.resolve("train").resolve(FileDatasetStore.MANIFEST);
        List<String> lines = Files.readAllLines(manifest);
        Files.write(manifest, List.of(lines.get(0), lines.get(1).replace("\"pick\":[", "\"pick\":[7,"), lines.get(2)));

        assertThatThrownBy(() -> store.read("train")).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining(manifest.toString()).hasMessageContaining("line 2").hasMessageContaining("pick");
    }

    @Test
    void invalidJsonIsReportedWithItsLine() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1)));
        Path manifest = root.resolve("train").resolve(FileDatasetStore.MANIFEST);
        Files.writeString(manifest, "not json at all\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> store.read("train")).hasMessageContaining("line 2").hasMessageContaining("not valid JSON");
    }

    @Test
    void aMissingImageIsReportedWithFileAndLine() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2)));
        Files.delete(root.resolve("train/images/00000001.png"));

        assertThatThrownBy(() -> store.read("train")).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2").hasMessageContaining("00000001.png is missing");
    }

    @Test
    void aViewReadsEachImageWhenItIsReached() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2)));
        List<Demonstration> view = store.view("train", Demonstration.class);
        Files.delete(root.resolve("train/images/00000001.png"));

        assertThat(view.get(0)).isEqualTo(demonstration(1));
        assertThatThrownBy(() -> store.read("train")).isInstanceOf(MalformedFileException.class);
        assertThatThrownBy(() -> view.get(1)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2").hasMessageContaining("00000001.png is missing");
    }

    @Test
    void theSameAppendsGiveByteIdenticalFiles() throws IOException {
        for (String name : List.of("a", "b")) {
            new FileDatasetStore(root.resolve(name)).append("train", List.of(demonstration(1), demonstration(2)));
        }
        for (String file : List.of("train/samples.jsonl", "train/images/00000000.png", "train/images/00000001.png")) {
            assertThat(Files.readAllBytes(root.resolve("a").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(root.resolve("b").resolve(file)));
        }
    }

    @Test
    void samplesOfOneAppendThatShareAnImageShareItsFileAndReadBackEqual() throws IOException {
        var store = new FileDatasetStore(root);
        Demonstration shown = demonstration(1);
        var sameImage = new Demonstration(shown.observation(), "Pick the lemon", shown.action());
        // an equal image that is another object is written on its own
        var equalImage = new Demonstration(demonstration(1).observation(), "Pick the lemon", shown.action());
        Path images = root.resolve("train/images");
        // a file left by an append that crashed before its manifest line: replaced, not an error
        Files.createDirectories(images);
        Files.writeString(images.resolve("00000001.png"), "left by a crash");

        store.append("train", List.of(shown, sameImage, demonstration(2), equalImage));

        assertThat(Files.isSameFile(images.resolve("00000000.png"), images.resolve("00000001.png"))).isTrue();
        assertThat(Files.isSameFile(images.resolve("00000000.png"), images.resolve("00000003.png"))).isFalse();
        assertThat(Files.readAllBytes(images.resolve("00000003.png"))).isEqualTo(Files.readAllBytes(images.resolve("00000000.png")));
        assertThat(store.read("train")).containsExactly(shown, sameImage, demonstration(2), equalImage);
        try (var left = Files.list(images)) {
            assertThat(left).as("no temporary file stays").hasSize(4);
        }
    }

    @Test
    void storedSamplesKnowTheirImageFile() {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2)));

        assertThat(store.readStored("train")).extracting(s -> s.image().getFileName().toString())
                .containsExactly("00000000.png", "00000001.png");
        assertThat(store.read("train", Demonstration.class)).hasSize(2);
    }

    @Test
    void aCompleteFinalLineWithoutItsNewlineIsASampleAndTheNextAppendKeepsItAndItsImage() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2)));
        Path manifest = root.resolve("train").resolve(FileDatasetStore.MANIFEST);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.substring(0, text.length() - 1)); // as an editor that drops the final newline
        byte[] secondImage = Files.readAllBytes(root.resolve("train/images/00000001.png"));
        var reader = new FileDatasetStore(root);

        assertThat(reader.read("train")).containsExactly(demonstration(1), demonstration(2));
        assertThat(reader.size("train")).isEqualTo(2);

        store.append("train", List.of(demonstration(3)));
        assertThat(reader.read("train")).containsExactly(demonstration(1), demonstration(2), demonstration(3));
        assertThat(Files.readAllBytes(root.resolve("train/images/00000001.png"))).isEqualTo(secondImage);
        assertThat(Files.readString(manifest)).endsWith("\n").hasLineCount(3);
    }

    @Test
    void aSecondProcessCannotWriteADatasetAnotherOwnsAndTheErrorNamesTheOwner() throws Exception {
        Process other = OwningProcess.start(root.resolve("train"));
        var store = new FileDatasetStore(root);
        try {
            assertThatThrownBy(() -> store.append("train", List.of(demonstration(1))))
                    .isInstanceOf(DirectoryInUseException.class)
                    .hasMessageContaining("process " + other.pid()).hasMessageContaining(root.resolve("train").toString());
            assertThatThrownBy(() -> store.claim("train")).isInstanceOf(DirectoryInUseException.class);
            assertThat(Files.exists(root.resolve("train").resolve(FileDatasetStore.MANIFEST))).isFalse();
            store.append("test", List.of(demonstration(1))); // another dataset of the same directory is free
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
        store.append("train", List.of(demonstration(2)));
        assertThat(store.read("train")).containsExactly(demonstration(2));
    }

    @Test
    void aKilledOwnerLeavesTheDatasetFree() throws Exception {
        Process other = OwningProcess.start(root.resolve("train"));
        other.destroyForcibly().waitFor();
        var store = new FileDatasetStore(root);

        store.append("train", List.of(demonstration(1)));
        assertThat(store.read("train")).containsExactly(demonstration(1));
    }

    @Test
    void concurrentAtomicWritesOfOneFileNeverShareATemporaryFile() throws Exception {
        Path target = root.resolve("progress.json");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 200; i++) {
                byte[] bytes = ("{\"n\":" + i + "}").repeat(200).getBytes(StandardCharsets.UTF_8);
                futures.add(pool.submit(() -> {
                    AtomicFiles.write(target, bytes);
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        String text = Files.readString(target);
        assertThat(text).matches("(\\{\"n\":(\\d+)\\})+");
        assertThat(text.replaceAll("\\{\"n\":" + text.substring(5, text.indexOf('}')) + "\\}", "")).isEmpty();
        try (var files = Files.list(root)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("progress.json");
        }
    }

    @Test
    void theOwnerCountsItsManifestOnceAndAppendsWithoutReadingIt() throws IOException {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1)));
        Path manifest = root.resolve("train").resolve(FileDatasetStore.MANIFEST);
        // a hand edit while the owner runs is noticed by the manifest's length, and counted again
        Files.writeString(manifest, Files.readString(manifest).repeat(3));

        assertThat(store.size("train")).isEqualTo(3);
        store.append("train", List.of(demonstration(2)));
        assertThat(store.read("train")).hasSize(4);
        assertThat(store.readStored("train").get(3).image().getFileName().toString()).isEqualTo("00000003.png");
    }
}
