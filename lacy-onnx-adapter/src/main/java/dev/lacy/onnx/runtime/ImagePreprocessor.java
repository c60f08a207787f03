package dev.lacy.onnx.runtime;

import dev.lacy.core.scene.PixelValues;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;

/**
 * Turns an observation into {@code pixel_values} with the manifest's settings: lacy-tiny's bilinear stretch
 * ({@link PixelValues}) or the shortest-edge bicubic resize and centre crop of Hugging Face's CLIP and LLaVA-NeXT
 * processors. Thread-safe.
 */
final class ImagePreprocessor {

    private final int size;
    private final ModelManifest.Resize resize;
    private final float[] mean = new float[3];
    private final float[] std = new float[3];

    ImagePreprocessor(ModelManifest.ImagePreprocessing settings) {
        size = settings.size();
        resize = settings.resize();
        for (int c = 0; c < 3; c++) {
            mean[c] = settings.mean().get(c).floatValue();
            std[c] = settings.std().get(c).floatValue();
        }
    }

    int size() {
        return size;
    }

    /** {@code [3, size, size]}, row-major. */
    float[] pixels(RgbImage image) {
        return switch (resize) {
            case STRETCH_BILINEAR -> PixelValues.of(image, size, mean, std);
            case SHORTEST_EDGE_BICUBIC -> shortestEdgeBicubic(image);
        };
    }

    /**
     * As Hugging Face's CLIP and LLaVA-NeXT image processors (PIL backend): the shortest edge to {@code size} (the other
     * in proportion, truncated), PIL's bicubic, the centre {@code size} x {@code size} cropped, then scaled and normalised.
     */
    private float[] shortestEdgeBicubic(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int outW = w <= h ? size : (int) ((double) size * w / h);
        int outH = w <= h ? (int) ((double) size * h / w) : size;
        int[] resized = PilBicubic.resize(image, outW, outH);
        int top = Math.max(0, (outH - size) / 2);
        int left = Math.max(0, (outW - size) / 2);
        float[] out = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float value = resized[((top + y) * outW + left + x) * 3 + c] / 255f;
                    out[(c * size + y) * size + x] = (value - mean[c]) / std[c];
                }
            }
        }
        return out;
    }
}
