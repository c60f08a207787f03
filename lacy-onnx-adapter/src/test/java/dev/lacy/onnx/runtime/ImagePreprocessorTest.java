package dev.lacy.onnx.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shortest-edge bicubic preprocessing against what Hugging Face's CLIP image processor (PIL backend) made of the
 * same images: {@code tools/record_image_processor.py} recorded them (a wide and a tall downscale, a strong downscale
 * where the filter widens, an upscale).
 */
class ImagePreprocessorTest {

    private static JsonNode recorded() throws IOException {
        try (InputStream in = ImagePreprocessorTest.class.getResourceAsStream("/image-processor/clip-pil.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<Double> doubles(JsonNode array) {
        var values = new ArrayList<Double>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    @Test
    void pixelValuesAreThoseOfHuggingFacesProcessorForEveryRecordedImage() throws IOException {
        JsonNode root = recorded();
        assertThat(root.path("cases")).hasSize(4);
        for (JsonNode c : root.path("cases")) {
            int width = c.path("width").asInt();
            int height = c.path("height").asInt();
            byte[] rgb = new byte[width * height * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) c.path("rgb").get(i).asInt();
            }
            var preprocessor = new ImagePreprocessor(new ModelManifest.ImagePreprocessing(c.path("size").asInt(),
                    doubles(root.path("mean")), doubles(root.path("std")), ModelManifest.Resize.SHORTEST_EDGE_BICUBIC));

            float[] pixels = preprocessor.pixels(RgbImage.of(width, height, rgb));

            JsonNode expected = c.path("pixelValues");
            assertThat(pixels).as("%dx%d to %d", width, height, c.path("size").asInt()).hasSize(expected.size());
            double worst = 0;
            for (int i = 0; i < pixels.length; i++) {
                worst = Math.max(worst, Math.abs(pixels[i] - expected.get(i).asDouble()));
            }
            assertThat(worst).as("largest difference, %dx%d to %d", width, height, c.path("size").asInt()).isLessThan(1e-5);
        }
    }

    @Test
    void theBilinearStretchDiffersFromTheProcessorWhichIsWhyTheManifestChooses() throws IOException {
        JsonNode c = recorded().path("cases").get(2);
        int width = c.path("width").asInt();
        int height = c.path("height").asInt();
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) c.path("rgb").get(i).asInt();
        }
        JsonNode root = recorded();
        var stretch = new ImagePreprocessor(new ModelManifest.ImagePreprocessing(c.path("size").asInt(), doubles(root.path("mean")),
                doubles(root.path("std"))));
        float[] pixels = stretch.pixels(RgbImage.of(width, height, rgb));
        double worst = 0;
        for (int i = 0; i < pixels.length; i++) {
            worst = Math.max(worst, Math.abs(pixels[i] - c.path("pixelValues").get(i).asDouble()));
        }
        assertThat(worst).isGreaterThan(0.1);
    }
}
