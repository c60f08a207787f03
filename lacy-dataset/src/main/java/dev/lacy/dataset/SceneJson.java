package dev.lacy.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Set;

/**
 * Scenes as JSON: {@code {"objects": [{"name": "mustard bottle", "x": 0.211, "y": 0.898, "radius": 0.05}]}}.
 * Reading is strict: a missing or unknown field, a wrong type or a value out of range is an error
 * naming the file and the field. Thread-safe.
 */
public final class SceneJson {

    private static final Set<String> OBJECT_FIELDS = Set.of("name", "x", "y", "radius");
    private final ObjectMapper mapper = new ObjectMapper();

    /** Reads a scene file. */
    public Scene read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, "", "no such file");
        } catch (IOException e) {
            throw new MalformedFileException(file, "", "cannot be read (" + e.getMessage() + ")", e);
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new MalformedFileException(file, where, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        return fromTree(root, file, "");
    }

    /** Reads a scene from a JSON tree; {@code path} prefixes field names in errors. */
    public Scene fromTree(JsonNode root, Path file, String path) {
        if (root == null || !root.isObject()) {
            throw new MalformedFileException(file, path.isEmpty() ? "top level" : path, "expected an object with an \"objects\" array");
        }
        JsonNode objects = root.get("objects");
        String objectsPath = path + (path.isEmpty() ? "" : ".") + "objects";
        if (objects == null || !objects.isArray()) {
            throw new MalformedFileException(file, objectsPath, "expected an array of objects");
        }
        var parsed = new ArrayList<SceneObject>();
        for (int i = 0; i < objects.size(); i++) {
            parsed.add(object(objects.get(i), file, objectsPath + "[" + i + "]"));
        }
        try {
            return new Scene(parsed);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, objectsPath, e.getMessage());
        }
    }

    private static SceneObject object(JsonNode node, Path file, String path) {
        if (!node.isObject()) {
            throw new MalformedFileException(file, path, "expected an object with name, x, y and radius");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!OBJECT_FIELDS.contains(field)) {
                throw new MalformedFileException(file, path + "." + field, "unknown field (expected name, x, y, radius)");
            }
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            throw new MalformedFileException(file, path + ".name", "expected a string");
        }
        double x = unit(node, "x", file, path);
        double y = unit(node, "y", file, path);
        double radius = number(node, "radius", file, path);
        try {
            return new SceneObject(name.asText(), new Point(x, y), radius);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, path, e.getMessage());
        }
    }

    private static double unit(JsonNode node, String field, Path file, String path) {
        double value = number(node, field, file, path);
        if (!(value >= 0 && value <= 1)) {
            throw new MalformedFileException(file, path + "." + field, value + " is outside [0, 1]");
        }
        return value;
    }

    private static double number(JsonNode node, String field, Path file, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new MalformedFileException(file, path + "." + field, value == null ? "missing" : "expected a number, got " + value);
        }
        return value.asDouble();
    }

    /** The scene as a JSON tree, the inverse of {@link #fromTree}. */
    public ObjectNode toTree(Scene scene) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode objects = root.putArray("objects");
        for (SceneObject object : scene.objects()) {
            objects.addObject()
                    .put("name", object.name())
                    .put("x", object.center().x())
                    .put("y", object.center().y())
                    .put("radius", object.radius());
        }
        return root;
    }
}
