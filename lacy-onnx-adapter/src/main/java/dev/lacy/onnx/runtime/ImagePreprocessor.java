package dev.lacy.onnx.runtime;

import dev.lacy.core.scene.PixelValues;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.onnx.model.ModelManifest;

/**
 * Turns an observation into {@code pixel_values} with the manifest's settings ({@link PixelValues}). Thread-safe.
 */
final class ImagePreprocessor {

    private final int size;
    private final float[] mean = new float[3];
    private final float[] std = new float[3];

    ImagePreprocessor(ModelManifest.ImagePreprocessing settings) {
        size = settings.size();
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
        return PixelValues.of(image, size, mean, std);
    }
}
