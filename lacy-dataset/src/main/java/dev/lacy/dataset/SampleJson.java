package dev.lacy.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.Sample;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * One line of a dataset manifest: {@code {"kind": "demonstration" | "grounding" | "consistency" | "instruction",
 * "image": "images/00000012.png", "scene": {...}, ...}}. The image itself lives in its PNG.
 */
final class SampleJson {

    static final String DEMONSTRATION = "demonstration";
    static final String GROUNDING = "grounding";
    static final String CONSISTENCY = "consistency";
    static final String INSTRUCTION = "instruction";

    private final ObjectMapper mapper;
    private final SceneJson scenes = new SceneJson();

    SampleJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode write(Sample sample, String image) {
        ObjectNode node = mapper.createObjectNode();
        if (sample instanceof Demonstration d) {
            node.put("kind", DEMONSTRATION).put("image", image);
            scene(node, d.observation());
            node.put("instruction", d.instruction());
            point(node.putArray("pick"), d.action().pick());
            point(node.putArray("place"), d.action().place());
            d.reasoning().ifPresent(r -> node.put("reasoning", r));
        } else if (sample instanceof InstructionSample p) {
            node.put("kind", INSTRUCTION).put("image", image);
            scene(node, p.observation());
            node.put("instruction", p.instruction());
        } else if (sample instanceof GroundingSample g) {
            node.put("kind", GROUNDING).put("image", image);
            scene(node, g.observation());
        } else {
            var c = (ConsistencySample) sample;
            node.put("kind", CONSISTENCY).put("image", image);
            scene(node, c.observation());
            node.put("first", c.first()).put("second", c.second()).put("consistent", c.consistent());
        }
        return node;
    }

    /**
     * Reads one manifest line; {@code images} loads the PNG named in it. Errors name the manifest,
     * the line and the field.
     */
    Sample read(JsonNode node, Path manifest, String line, Function<String, RgbImage> images) {
        if (!node.isObject()) {
            throw new MalformedFileException(manifest, line, "expected a JSON object");
        }
        String kind = text(node, "kind", manifest, line);
        String imagePath = text(node, "image", manifest, line);
        Optional<Scene> scene = node.hasNonNull("scene")
                ? Optional.of(scenes.fromTree(node.get("scene"), manifest, line + ": scene"))
                : Optional.empty();
        try {
            RgbImage image = images.apply(imagePath);
            var observation = new Observation(image, scene);
            return switch (kind) {
                case DEMONSTRATION -> new Demonstration(observation, text(node, "instruction", manifest, line),
                        new PickPlaceAction(point(node, "pick", manifest, line), point(node, "place", manifest, line)),
                        node.has("reasoning") ? Optional.of(text(node, "reasoning", manifest, line)) : Optional.empty());
                case INSTRUCTION -> new InstructionSample(observation, text(node, "instruction", manifest, line));
                case GROUNDING -> new GroundingSample(observation);
                case CONSISTENCY -> new ConsistencySample(observation, text(node, "first", manifest, line),
                        text(node, "second", manifest, line), bool(node, "consistent", manifest, line));
                default -> throw new MalformedFileException(manifest, line + ": kind",
                        "'" + kind + "' is not demonstration, grounding, consistency or instruction");
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(manifest, line, e.getMessage());
        }
    }

    private void scene(ObjectNode node, Observation observation) {
        observation.groundTruth().ifPresent(s -> node.set("scene", scenes.toTree(s)));
    }

    private static void point(ArrayNode array, Point point) {
        array.add(point.x()).add(point.y());
    }

    private static Point point(JsonNode node, String field, Path manifest, String line) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
            throw new MalformedFileException(manifest, line + ": " + field, "expected [x, y]");
        }
        double x = value.get(0).asDouble();
        double y = value.get(1).asDouble();
        if (!Point.inUnitSquare(x, y)) {
            throw new MalformedFileException(manifest, line + ": " + field, "[" + x + ", " + y + "] is outside [0, 1] x [0, 1]");
        }
        return new Point(x, y);
    }

    private static String text(JsonNode node, String field, Path manifest, String line) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedFileException(manifest, line + ": " + field, value == null ? "missing" : "expected a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field, Path manifest, String line) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new MalformedFileException(manifest, line + ": " + field, value == null ? "missing" : "expected true or false");
        }
        return value.asBoolean();
    }
}
