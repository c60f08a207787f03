package dev.lacy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.scene.RgbImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of the model port's two calls ({@code POST /v1/generate}, {@code POST /v1/score}) and the strict readers both
 * sides use: every value is checked for its type and range, and an error names its field. Images travel as base64
 * PNG or JPEG.
 */
public final class WireFormat {

    /** The longest text field accepted (a prompt, an instruction), in characters. */
    public static final int MAX_TEXT = 2000;
    /** The most samples or new tokens one request may ask for. */
    public static final int MAX_SAMPLES = 64;
    public static final int MAX_NEW_TOKENS = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectNode generation(GenerationRequest r) {
        ObjectNode node = JSON.createObjectNode().put("task", r.task().name()).put("image", base64Png(r.image()))
                .put("prompt", r.prompt()).put("samples", r.samples()).put("maxNewTokens", r.maxNewTokens());
        node.putObject("decoding").put("temperature", r.decoding().temperature()).put("topP", r.decoding().topP())
                .put("topK", r.decoding().topK()).put("seed", r.decoding().seed());
        ArrayNode stops = node.putArray("stopSequences");
        r.stopSequences().forEach(stops::add);
        return node;
    }

    public static GenerationRequest generation(JsonNode node) {
        object(node, "");
        JsonNode d = node.path("decoding");
        object(d, "decoding");
        Decoding decoding;
        double temperature = number(d, "decoding.temperature");
        double topP = number(d, "decoding.topP");
        int topK = integer(d, "decoding.topK", 0, Integer.MAX_VALUE);
        long seed = d.path("seed").isIntegralNumber() ? d.path("seed").asLong() : fail("decoding.seed", "an integer is required");
        try {
            decoding = new Decoding(temperature, topP, topK, seed);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("decoding", e.getMessage());
        }
        List<String> stops = new ArrayList<>();
        JsonNode s = node.path("stopSequences");
        if (!s.isMissingNode()) {
            if (!s.isArray()) {
                throw new WireFormatException("stopSequences", "an array of strings is required");
            }
            for (int i = 0; i < s.size(); i++) {
                String stop = text(s, i, "stopSequences[" + i + "]");
                if (stop.isEmpty()) {
                    throw new WireFormatException("stopSequences[" + i + "]", "a stop sequence may not be empty");
                }
                stops.add(stop);
            }
        }
        return new GenerationRequest(task(node), image(node, "image"), text(node, "prompt", MAX_TEXT), decoding,
                integer(node, "samples", 1, MAX_SAMPLES), integer(node, "maxNewTokens", 1, MAX_NEW_TOKENS), stops);
    }

    public static ObjectNode score(BinaryChoiceRequest r) {
        return JSON.createObjectNode().put("task", r.task().name()).put("image", base64Png(r.image()))
                .put("prefix", r.prefix()).put("positive", r.positive()).put("negative", r.negative());
    }

    public static BinaryChoiceRequest score(JsonNode node) {
        object(node, "");
        String positive = text(node, "positive", 16);
        String negative = text(node, "negative", 16);
        if (positive.isEmpty() || negative.isEmpty() || positive.equals(negative)) {
            throw new WireFormatException("positive", "positive and negative must be two different, non-empty tokens");
        }
        return new BinaryChoiceRequest(task(node), image(node, "image"), text(node, "prefix", MAX_TEXT), positive, negative);
    }

    public static ObjectNode logits(BinaryLogits logits) {
        return JSON.createObjectNode().put("positive", logits.positive()).put("negative", logits.negative())
                .put("confidence", logits.confidence());
    }

    public static BinaryLogits logits(JsonNode node) {
        return new BinaryLogits(number(node, "positive"), number(node, "negative"));
    }

    public static ObjectNode completions(List<String> texts) {
        ObjectNode node = JSON.createObjectNode();
        texts.forEach(node.putArray("completions")::add);
        return node;
    }

    public static List<String> completions(JsonNode node) {
        JsonNode array = node.path("completions");
        if (!array.isArray()) {
            throw new WireFormatException("completions", "an array of strings is required");
        }
        var texts = new ArrayList<String>();
        for (int i = 0; i < array.size(); i++) {
            texts.add(text(array, i, "completions[" + i + "]"));
        }
        return List.copyOf(texts);
    }

    public static String base64Png(RgbImage image) {
        return Base64.getEncoder().encodeToString(ImageCodec.png(image));
    }

    /** The image at {@code field}: base64 PNG or JPEG. */
    public static RgbImage image(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new WireFormatException(field, "an image is required (base64 PNG or JPEG)");
        }
        if (!value.isTextual()) {
            throw new WireFormatException(field, "a base64 string is required, not " + kind(value));
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(field, "not base64 (" + e.getMessage() + ")");
        }
        return ImageCodec.decode(bytes, field);
    }

    public static LacyTask task(JsonNode node) {
        String name = text(node, "task", 16);
        try {
            return LacyTask.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("task", "'" + name + "' is none of GROUNDING, L2A, A2L, L2C");
        }
    }

    /** The request body itself must be a JSON object ({@code path} empty) or the object at {@code path}. */
    public static void object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new WireFormatException(path.isEmpty() ? "body" : path, "a JSON object is required, not " + kind(node));
        }
    }

    public static String text(JsonNode node, String field, int maxLength) {
        JsonNode value = node.path(leaf(field));
        if (!value.isTextual()) {
            throw new WireFormatException(field, value.isMissingNode() ? "a string is required" : "a string is required, not "
                    + kind(value));
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw new WireFormatException(field, text.length() + " characters; at most " + maxLength);
        }
        return text;
    }

    private static String text(JsonNode array, int index, String field) {
        JsonNode value = array.get(index);
        if (!value.isTextual()) {
            throw new WireFormatException(field, "a string is required, not " + kind(value));
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new WireFormatException(field, value.asText().length() + " characters; at most " + MAX_TEXT);
        }
        return value.asText();
    }

    public static double number(JsonNode node, String field) {
        JsonNode value = node.path(leaf(field));
        if (!value.isNumber()) {
            throw new WireFormatException(field, value.isMissingNode() ? "a number is required" : "a number is required, not "
                    + kind(value));
        }
        return value.asDouble();
    }

    public static int integer(JsonNode node, String field, int min, int max) {
        JsonNode value = node.path(leaf(field));
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new WireFormatException(field, value.isMissingNode() ? "an integer is required" : "an integer is required, not "
                    + kind(value));
        }
        int v = value.asInt();
        if (v < min || v > max) {
            throw new WireFormatException(field, v + " is outside " + min + ".." + max);
        }
        return v;
    }

    /** A JSON value's kind, for messages: "a string", "an object", "null". */
    public static String kind(JsonNode value) {
        if (value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String leaf(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    private static <T> T fail(String field, String message) {
        throw new WireFormatException(field, message);
    }
}
