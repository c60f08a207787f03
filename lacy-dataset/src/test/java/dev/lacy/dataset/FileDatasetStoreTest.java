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
    void storedSamplesKnowTheirImageFile() {
        var store = new FileDatasetStore(root);
        store.append("train", List.of(demonstration(1), demonstration(2)));

        assertThat(store.readStored("train")).extracting(s -> s.image().getFileName().toString())
                .containsExactly("00000000.png", "00000001.png");
        assertThat(store.read("train", Demonstration.class)).hasSize(2);
    }
}
