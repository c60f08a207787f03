package dev.lacy.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.data.Sample;
import dev.lacy.core.scene.RgbImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The dataset format one manifest line at a time, for code that stores datasets somewhere other than a local
 * directory (the Spark jobs write them through Hadoop's file systems): a line is exactly what
 * {@link FileDatasetStore} writes and reads, its image the PNG named in it ({@link PngCodec}).
 */
public final class SampleLines {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SampleJson json = new SampleJson(mapper);

    /** The manifest line of {@code sample} whose image is stored as {@code image} (no newline). */
    public String write(Sample sample, String image) {
        try {
            return mapper.writeValueAsString(json.write(sample, image));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sample as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The sample of one manifest line; {@code images} loads the image the line names. Errors are
     * {@link MalformedFileException}s naming {@code manifest} (where the line came from) and {@code where} in it.
     */
    public Sample read(String line, String manifest, String where, Function<String, RgbImage> images) {
        return json.read(tree(line, manifest, where), Path.of(manifest), where, images);
    }

    /** The image a manifest line names ({@code images/NNNNNNNN.png}). */
    public String image(String line, String manifest, String where) {
        JsonNode image = tree(line, manifest, where).get("image");
        if (image == null || !image.isTextual()) {
            throw new MalformedFileException(Path.of(manifest), where + ": image", "missing");
        }
        return image.asText();
    }

    /** The same line naming another image (every other field as it was, in its order). */
    public String withImage(String line, String image, String manifest, String where) {
        ObjectNode node = tree(line, manifest, where);
        node.put("image", image);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sample as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The name of the image of sample {@code index} of a dataset: {@code images/00000012.png}. */
    public static String imageName(long index) {
        return String.format(Locale.ROOT, "images/%08d.png", index);
    }

    private ObjectNode tree(String line, String manifest, String where) {
        try {
            JsonNode node = mapper.readTree(line);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new MalformedFileException(Path.of(manifest), where, "expected a JSON object");
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(Path.of(manifest), where, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
