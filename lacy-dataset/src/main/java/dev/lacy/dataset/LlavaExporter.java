package dev.lacy.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.format.SelfGeneratedTargets;
import dev.lacy.core.language.TrainingTargets;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Exports stored samples to the conversation JSON that LLaVA and LLaVA-NeXT fine-tuning scripts
 * read: a JSON array of {@code {"id", "image", "conversations": [{"from": "human", "value":
 * "<image>\n..."}, {"from": "gpt", "value": "..."}]}}, one record per task sample: a demonstration
 * gives an L2A and an A2L record (the A2L target is the action's canonical description, as the
 * trainer teaches it), a consistency sample an L2C record, a grounding sample a grounding record. Chain-of-thought targets need each sample's ground-truth scene.
 */
public final class LlavaExporter {

    private final PromptFormat format;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SpatialDescriber describer = new SpatialDescriber(SpatialThresholds.PAPER);
    private final InstructionTemplates templates = new InstructionTemplates();

    public LlavaExporter(PromptFormat format) {
        this.format = format;
    }

    /**
     * Writes the records of every dataset, in order, to {@code output} (atomically) and returns how
     * many. Record ids are {@code <dataset>-<index>-<task>}, unique across datasets.
     */
    public int export(Map<String, List<StoredSample>> datasets, Path output) {
        var bytes = new ByteArrayOutputStream();
        int records = 0;
        try (JsonGenerator json = mapper.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Map.Entry<String, List<StoredSample>> dataset : datasets.entrySet()) {
                for (StoredSample stored : dataset.getValue()) {
                    records += write(json, dataset.getKey(), stored);
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AtomicFiles.write(output, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
        return records;
    }

    private int write(JsonGenerator json, String dataset, StoredSample stored) throws IOException {
        String id = dataset + "-" + stored.index();
        String image = stored.image().toAbsolutePath().toString();
        var sample = stored.sample();
        if (sample instanceof InstructionSample) {
            throw new IllegalArgumentException("sample " + stored.index() + " of '" + dataset + "' is an instruction "
                    + "without an action (an instruction pool): there is nothing to export; run 'lacy augment' on the pool");
        }
        if (sample instanceof Demonstration d && d.observation().groundTruth().isEmpty() && d.reasoning().isPresent()) {
            // a triplet Algorithm 1 accepted: L2A only, with the model's own reasoning, as the trainer teaches it
            record(json, id + "-l2a", image, format.l2aPrompt(d.instruction()), SelfGeneratedTargets.l2aWithoutScene(format, d));
            return 1;
        }
        Scene scene = sample.observation().groundTruth().orElseThrow(() -> new IllegalArgumentException(
                "sample " + stored.index() + " of '" + dataset + "' has no ground-truth scene, which the export needs"));
        if (sample instanceof Demonstration d) {
            // the action the trainer teaches L2A (docs/experiments/2026-11-trainer-design.md, "L2A's relative place point")
            record(json, id + "-l2a", image, format.l2aPrompt(d.instruction()), format.l2aTarget(scene, d.instruction(),
                    TrainingTargets.l2aAction(describer, scene, d.instruction(), d.action())));
            // the description the trainer teaches A2L (docs/experiments/2026-11-trainer-design.md, "A2L's target"), not the demonstration's wording
            record(json, id + "-a2l", image, format.a2lPrompt(d.action()),
                    format.a2lTarget(scene, d.action(), TrainingTargets.a2lDescription(describer, templates, scene, d.instruction(), d.action())));
            return 2;
        }
        if (sample instanceof ConsistencySample c) {
            record(json, id + "-l2c", image, format.l2cPrompt(c.first(), c.second()), format.l2cTarget(scene, c.first(), c.second(), c.consistent()));
            return 1;
        }
        var grounding = (GroundingSample) sample;
        record(json, id + "-grounding", image, format.groundingPrompt(), format.groundingTarget(
                grounding.observation().groundTruth().orElseThrow()));
        return 1;
    }

    private static void record(JsonGenerator json, String id, String image, String prompt, String target) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("image", image);
        json.writeArrayFieldStart("conversations");
        json.writeStartObject();
        json.writeStringField("from", "human");
        json.writeStringField("value", prompt.strip());
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringField("from", "gpt");
        json.writeStringField("value", target);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }
}
