package dev.lacy.core.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelValuesTest {

    /** The definition, pixel by pixel, as the class documents it: what the runtime and the trainer must both compute. */
    private static float[] reference(RgbImage image, int size, float[] mean, float[] std) {
        float[] out = new float[3 * size * size];
        double sx = (double) image.width() / size;
        double sy = (double) image.height() / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.min(image.height() - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(image.height() - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = Math.min(image.width() - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(image.width() - 1, x0 + 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double top = (image.pixel(x0, y0) >> shift & 0xff) * (1 - wx) + (image.pixel(x1, y0) >> shift & 0xff) * wx;
                    double bottom = (image.pixel(x0, y1) >> shift & 0xff) * (1 - wx) + (image.pixel(x1, y1) >> shift & 0xff) * wx;
                    float value = (float) ((top * (1 - wy) + bottom * wy) / 255.0);
                    out[(c * size + y) * size + x] = (value - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    @Test
    void pixelValuesAreTheDefinitionsNumbersExactlyWhetherTheImageShrinksGrowsOrKeepsItsSize() {
        var random = new SplittableRandom(3);
        int[][] shapes = {{224, 224, 128}, {128, 128, 128}, {64, 48, 128}, {640, 480, 224}, {1, 1, 4}, {5, 3, 2}, {3, 7, 9}};
        float[] mean = {0.48f, 0.45f, 0.40f};
        float[] std = {0.26f, 0.26f, 0.27f};
        for (int[] shape : shapes) {
            byte[] rgb = new byte[shape[0] * shape[1] * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) random.nextInt(256);
            }
            RgbImage image = RgbImage.of(shape[0], shape[1], rgb);
            assertThat(PixelValues.of(image, shape[2], mean, std)).as("%dx%d to %d", shape[0], shape[1], shape[2])
                    .containsExactly(reference(image, shape[2], mean, std));
        }
    }

    @Test
    void anImageOfOneColourGivesThatColoursValuesEverywhere() {
        float[] values = PixelValues.of(RgbImage.filled(10, 6, 0xff8000), 4, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        for (int i = 0; i < 16; i++) {
            assertThat(values[i]).isEqualTo(1f);
            assertThat(values[16 + i]).isCloseTo((128 / 255f - 0.5f) / 0.5f, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(values[32 + i]).isEqualTo(-1f);
        }
        assertThatThrownBy(() -> PixelValues.of(RgbImage.filled(2, 2, 0), 0, new float[3], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
