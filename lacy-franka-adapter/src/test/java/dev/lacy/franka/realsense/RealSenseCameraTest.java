package dev.lacy.franka.realsense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.contract.AbstractCameraContractTest;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RealSenseCameraTest {

    @Nested
    class AsCamera extends AbstractCameraContractTest {
        @Override
        protected Camera cameraOver(Scene scene) {
            return new RealSenseCamera(new SyntheticFrameSourceTestDouble(scene),
                    FrameConverter.whole(SyntheticFrameSourceTestDouble.WIDTH, SyntheticFrameSourceTestDouble.HEIGHT, 32));
        }
    }

    private static Frame frame(int width, int height, int stride, PixelFormat format) {
        byte[] data = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * stride + x * format.bytesPerPixel;
                int r = x * 10;
                int g = y * 10;
                int b = 200;
                data[i + format.red] = (byte) r;
                data[i + format.green] = (byte) g;
                data[i + format.blue] = (byte) b;
            }
        }
        return new Frame(width, height, stride, format, data);
    }

    @Property
    void everyFormatAndStrideGivesTheSameRgbImageAtNativeSize(@ForAll PixelFormat format, @ForAll @IntRange(max = 9) int padding) {
        Frame frame = frame(7, 7, 7 * format.bytesPerPixel + padding, format);

        RgbImage image = new FrameConverter(0, 0, 7, 7, 7).convert(frame);

        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                assertThat(image.pixel(x, y)).isEqualTo((x * 10) << 16 | (y * 10) << 8 | 200);
            }
        }
    }

    @Test
    void aCropSelectsTheWorkspaceAndResizingKeepsFlatColoursExact() {
        Frame frame = frame(20, 10, 60, PixelFormat.RGB8);

        RgbImage crop = new FrameConverter(5, 2, 4, 4, 4).convert(frame);
        RgbImage small = new FrameConverter(0, 0, 20, 10, 5).convert(frame);

        assertThat(crop.pixel(0, 0)).isEqualTo(50 << 16 | 20 << 8 | 200);
        assertThat(crop.pixel(3, 3)).isEqualTo(80 << 16 | 50 << 8 | 200);
        assertThat(small.width()).isEqualTo(5);
        for (int x = 0; x < 5; x++) {
            assertThat(small.pixel(x, 0) & 0xff).as("blue is flat, so interpolation keeps it").isEqualTo(200);
        }
        assertThat(small.pixel(4, 0) >> 16).isGreaterThan(small.pixel(0, 0) >> 16);
    }

    @Test
    void aCropOutsideTheFrameOrAShortBufferIsRefusedWithSizes() {
        assertThatThrownBy(() -> new FrameConverter(10, 0, 20, 10, 8).convert(frame(20, 10, 60, PixelFormat.RGB8)))
                .hasMessageContaining("does not fit in the 20x10 frame");
        assertThatThrownBy(() -> new Frame(20, 10, 60, PixelFormat.RGB8, new byte[100])).hasMessageContaining("needs more than 100 bytes");
        assertThatThrownBy(() -> new Frame(20, 10, 50, PixelFormat.RGB8, new byte[600])).hasMessageContaining("stride 50");
    }
}
