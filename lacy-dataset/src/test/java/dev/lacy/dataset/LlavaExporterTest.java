package dev.lacy.dataset;

import static dev.lacy.core.port.contract.AbstractDatasetStoreContractTest.demonstration;
import static dev.lacy.core.port.contract.AbstractDatasetStoreContractTest.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.contract.ContractScenes;
import dev.lacy.core.scene.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlavaExporterTest {

    @TempDir
    Path root;

    @Test
    void everyTaskSampleBecomesOneConversationWithTheImageAndTheChainOfThoughtTarget() throws IOException {
        var store = new FileDatasetStore(root);
        Demonstration demo = demonstration(1);
        store.append("train", List.of(demo,
                new ConsistencySample(demo.observation(), demo.instruction(), "Take the lemon and move it to the top left", false),
                new GroundingSample(Observation.of(image(2), ContractScenes.TWO_OBJECTS))));
        Path out = root.resolve("llava.json");

        int records = new LlavaExporter(LacyPromptFormat.withChainOfThought()).export(java.util.Map.of("train", store.readStored("train")), out);

        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(records).isEqualTo(4);
        assertThat(json).hasSize(4);
        assertThat(json.findValuesAsText("id")).containsExactly("train-0-l2a", "train-0-a2l", "train-1-l2c", "train-2-grounding");
        JsonNode l2a = json.get(0);
        assertThat(l2a.get("image").asText()).endsWith("train/images/00000000.png");
        assertThat(Path.of(l2a.get("image").asText())).exists();
        assertThat(l2a.get("conversations").get(0).get("from").asText()).isEqualTo("human");
        assertThat(l2a.get("conversations").get(0).get("value").asText()).startsWith("<image>\nL2A:").contains(demo.instruction());
        // L2A is taught the cell's center (the bottom left cell is free), not the demonstration's own point (0.123,0.899)
        assertThat(l2a.get("conversations").get(1).get("value").asText())
                .isEqualTo("There are 2 objects in the image: lemon at (0.300,0.300), mustard bottle at (0.700,0.700).\n"
                        + "The place is in the bottom left at (0.167,0.833). Pick the lemon at (0.300,0.300).\n"
                        + "<pick> at (0.300,0.300) / <place> at (0.167,0.833)");
        assertThat(json.get(1).get("conversations").get(1).get("value").asText())
                .isEqualTo("There are 2 objects in the image: lemon at (0.300,0.300), mustard bottle at (0.700,0.700).\n"
                        + "The place is at (0.123,0.899) in the bottom left.\n"
                        + "Pick the lemon and place it in the bottom left of the workspace");
        assertThat(json.get(2).get("conversations").get(1).get("value").asText()).endsWith("\n0");
    }
}
