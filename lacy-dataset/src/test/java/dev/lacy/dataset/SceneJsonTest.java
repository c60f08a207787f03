package dev.lacy.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.contract.ContractScenes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SceneJsonTest {

    @TempDir
    Path dir;

    private final SceneJson json = new SceneJson();

    @Test
    void scenesRoundTripThroughJson() throws IOException {
        Path file = dir.resolve("scene.json");
        Files.writeString(file, json.toTree(ContractScenes.TWO_OBJECTS).toString());

        assertThat(json.read(file)).isEqualTo(ContractScenes.TWO_OBJECTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"objects\": [{\"name\": \"lemon\", \"x\": 1.5, \"y\": 0.5, \"radius\": 0.05}]}|objects[0].x: 1.5 is outside [0, 1]",
        "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.5, \"y\": 0.5}]}|objects[0].radius: missing",
        "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.5, \"y\": 0.5, \"raduis\": 0.05}]}|objects[0].raduis: unknown field",
        "{\"objects\": [{\"name\": 3, \"x\": 0.5, \"y\": 0.5, \"radius\": 0.05}]}|objects[0].name: expected a string",
        "{\"objects\": [{\"name\": \"Lemon\", \"x\": 0.5, \"y\": 0.5, \"radius\": 0.05}]}|objects[0]: object name 'Lemon'",
        "{\"things\": []}|objects: expected an array",
        "[1, 2]|top level: expected an object",
        "{\"objects\": [{\"name\": \"lemon\", \"x\": 0.5, \"y\": 0.5, \"radius\": 0.05},{\"name\": \"lemon\", \"x\": 0.1, \"y\": 0.1, \"radius\": 0.05}]}|two objects named 'lemon'",
    })
    void malformedScenesNameTheFileAndTheField(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, content);

        assertThatThrownBy(() -> json.read(file)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }

    @Test
    void invalidJsonNamesTheLineAndColumn() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"objects\": [\n  {\"name\": \"lemon\",, }\n]}");

        assertThatThrownBy(() -> json.read(file)).hasMessageContaining("line 2, column");
    }

    @Test
    void aMissingFileIsSaidSo() {
        assertThatThrownBy(() -> json.read(dir.resolve("nope.json"))).hasMessageContaining("nope.json").hasMessageContaining("no such file");
    }
}
