package dev.lacy.examples.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.calibration.PointPair;
import dev.lacy.dataset.MalformedFileException;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a CoppeliaSim configuration file: every field optional, over {@link CoppeliaSimConfig#defaults}.
 * <pre>{"visionSensor": "/visionSensor", "ikTarget": "/lacyTarget", "objectsParent": "/lacyObjects",
 *  "gripperSignal": "lacyGripper", "timeoutSeconds": 10, "tableHeight": 0.0, "approachHeight": 0.15,
 *  "graspHeight": 0.02, "liftCheck": 0.03, "stepsPerMove": 20, "requireSimIk": false,
 *  "calibration": [{"image": [0, 0], "table": [0.75, 0.25]}, ...]}</pre>
 * Unknown fields and malformed values are errors naming the file and the field.
 */
public final class CoppeliaSimConfigFile {

    private static final Set<String> FIELDS = Set.of("visionSensor", "ikTarget", "objectsParent", "gripperSignal",
            "timeoutSeconds", "tableHeight", "approachHeight", "graspHeight", "liftCheck", "stepsPerMove", "requireSimIk",
            "calibration");

    private CoppeliaSimConfigFile() {
    }

    public static CoppeliaSimConfig read(Path file, String endpoint) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MalformedFileException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFileException(file, "top level", "expected an object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new MalformedFileException(file, field, "unknown field (expected one of " + FIELDS + ")");
            }
        }
        CoppeliaSimConfig d = CoppeliaSimConfig.defaults(endpoint);
        try {
            return new CoppeliaSimConfig(endpoint,
                    Duration.ofMillis(Math.round(1000 * number(root, "timeoutSeconds", d.timeout().toMillis() / 1000.0, file))),
                    text(root, "visionSensor", d.visionSensor(), file), text(root, "ikTarget", d.ikTarget(), file),
                    text(root, "objectsParent", d.objectsParent(), file), text(root, "gripperSignal", d.gripperSignal(), file),
                    root.has("calibration") ? calibration(root.get("calibration"), file) : d.imageToTable(),
                    number(root, "tableHeight", d.tableHeight(), file), number(root, "approachHeight", d.approachHeight(), file),
                    number(root, "graspHeight", d.graspHeight(), file), number(root, "liftCheck", d.liftCheck(), file),
                    (int) number(root, "stepsPerMove", d.stepsPerMove(), file),
                    root.has("requireSimIk") ? root.get("requireSimIk").asBoolean() : d.requireSimIk());
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, "", e.getMessage());
        }
    }

    private static PlaneMapping calibration(JsonNode pairs, Path file) {
        if (!pairs.isArray()) {
            throw new MalformedFileException(file, "calibration", "expected an array of {\"image\": [x, y], \"table\": [x, y]}");
        }
        var list = new ArrayList<PointPair>();
        for (int i = 0; i < pairs.size(); i++) {
            String where = "calibration[" + i + "]";
            list.add(new PointPair(point(pairs.get(i).get("image"), file, where + ".image"),
                    point(pairs.get(i).get("table"), file, where + ".table")));
        }
        try {
            return list.size() == 3 ? PlaneMapping.fitAffine(list) : PlaneMapping.fitHomography(list);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, "calibration", e.getMessage());
        }
    }

    private static PlanePoint point(JsonNode node, Path file, String where) {
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw new MalformedFileException(file, where, "expected [x, y]");
        }
        return new PlanePoint(node.get(0).asDouble(), node.get(1).asDouble());
    }

    private static String text(JsonNode root, String field, String fallback, Path file) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isTextual()) {
            throw new MalformedFileException(file, field, "expected a string");
        }
        return root.get(field).asText();
    }

    private static double number(JsonNode root, String field, double fallback, Path file) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isNumber()) {
            throw new MalformedFileException(file, field, "expected a number");
        }
        return root.get(field).asDouble();
    }

    static List<String> fields() {
        return List.copyOf(FIELDS);
    }
}
