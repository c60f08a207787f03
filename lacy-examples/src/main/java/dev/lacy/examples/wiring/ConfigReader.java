package dev.lacy.examples.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.calibration.PointPair;
import dev.lacy.dataset.MalformedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON configuration object strictly: unknown fields and values of the wrong type are
 * errors naming the file and the field; missing fields take the caller's defaults.
 */
final class ConfigReader {

    private final Path file;
    private final JsonNode root;
    private final String prefix;

    private ConfigReader(Path file, JsonNode root, String prefix) {
        this.file = file;
        this.root = root;
        this.prefix = prefix;
    }

    static ConfigReader open(Path file, Set<String> fields) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, "", "no such file");
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MalformedFileException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
        return new ConfigReader(file, root, "").requireObject("top level", fields);
    }

    Path file() {
        return file;
    }

    boolean has(String field) {
        return root.has(field);
    }

    /** A nested object, read with the same strictness. */
    ConfigReader object(String field, Set<String> fields) {
        return new ConfigReader(file, root.get(field), where(field)).requireObject(where(field), fields);
    }

    String text(String field, String fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isTextual()) {
            throw error(field, "expected a string");
        }
        return root.get(field).asText();
    }

    double number(String field, double fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isNumber()) {
            throw error(field, "expected a number");
        }
        return root.get(field).asDouble();
    }

    boolean bool(String field, boolean fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        if (!root.get(field).isBoolean()) {
            throw error(field, "expected true or false");
        }
        return root.get(field).asBoolean();
    }

    /** Exactly {@code count} numbers, or the fallback when the field is missing. */
    List<Double> numbers(String field, int count, List<Double> fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode values = root.get(field);
        if (!values.isArray() || values.size() != count) {
            throw error(field, "expected " + count + " numbers");
        }
        var list = new ArrayList<Double>();
        for (JsonNode value : values) {
            if (!value.isNumber()) {
                throw error(field, "expected " + count + " numbers");
            }
            list.add(value.asDouble());
        }
        return list;
    }

    /** {@code [{"image": [x, y], "table": [x, y]}, ...]}. */
    List<PointPair> pairs(String field) {
        JsonNode pairs = root.get(field);
        if (pairs == null || !pairs.isArray()) {
            throw error(field, "expected an array of {\"image\": [x, y], \"table\": [x, y]}");
        }
        var list = new ArrayList<PointPair>();
        for (int i = 0; i < pairs.size(); i++) {
            String item = field + "[" + i + "]";
            list.add(new PointPair(point(pairs.get(i).get("image"), item + ".image"),
                    point(pairs.get(i).get("table"), item + ".table")));
        }
        return list;
    }

    /** {@code [[x, y], ...]}. */
    List<PlanePoint> points(String field) {
        JsonNode points = root.get(field);
        if (points == null || !points.isArray()) {
            throw error(field, "expected an array of [x, y]");
        }
        var list = new ArrayList<PlanePoint>();
        for (int i = 0; i < points.size(); i++) {
            list.add(point(points.get(i), field + "[" + i + "]"));
        }
        return list;
    }

    MalformedFileException error(String field, String problem) {
        return new MalformedFileException(file, where(field), problem);
    }

    private PlanePoint point(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw error(field, "expected [x, y]");
        }
        return new PlanePoint(node.get(0).asDouble(), node.get(1).asDouble());
    }

    private ConfigReader requireObject(String where, Set<String> fields) {
        if (root == null || !root.isObject()) {
            throw new MalformedFileException(file, where, "expected an object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw error(field, "unknown field (expected one of " + fields.stream().sorted().toList() + ")");
            }
        }
        return this;
    }

    private String where(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }
}
