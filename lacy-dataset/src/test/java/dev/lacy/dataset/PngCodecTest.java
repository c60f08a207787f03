package dev.lacy.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.scene.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngCodecTest {

    private static byte[] write(BufferedImage image, String format) throws IOException {
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void anRgbImageRoundTripsExactly() throws IOException {
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        RgbImage image = RgbImage.of(4, 3, rgb);
        assertThat(PngCodec.decode(PngCodec.encode(image)).toBytes()).isEqualTo(rgb);
    }

    @Test
    void everyColourLayoutDecodesToWhatTheColourModelSays() throws IOException {
        // RGB (read straight from the raster), RGBA and 16-bit RGB (through the colour model): the same pixels each way
        var random = new java.util.SplittableRandom(5);
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR}) {
            var image = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    image.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
                }
            }
            byte[] png = write(image, "png");
            BufferedImage read = ImageIO.read(new java.io.ByteArrayInputStream(png));
            byte[] decoded = PngCodec.decode(png).toBytes();
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    int argb = read.getRGB(x, y);
                    int i = (y * 37 + x) * 3;
                    assertThat(new int[] {decoded[i] & 0xff, decoded[i + 1] & 0xff, decoded[i + 2] & 0xff})
                            .as("type %d at (%d, %d)", type, x, y)
                            .containsExactly(argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff);
                }
            }
        }
    }

    @Test
    void grayscalePngsOfEightAndSixteenBitsGiveTheirGrayValueOnEveryChannel() throws IOException {
        var eight = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        eight.getRaster().setSample(0, 0, 0, 100);
        eight.getRaster().setSample(1, 0, 0, 255);
        assertThat(PngCodec.decode(write(eight, "png")).toBytes()).containsExactly(100, 100, 100, -1, -1, -1);

        var sixteen = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        sixteen.getRaster().setSample(0, 0, 0, 100 * 257);
        assertThat(PngCodec.decode(write(sixteen, "png")).toBytes()).containsExactly(100, 100, 100);
    }

    @Test
    void anImageThatIsNotAPngWhateverItsNameIsRefused() throws IOException {
        byte[] jpeg = write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");
        assertThatThrownBy(() -> PngCodec.decode(jpeg)).isInstanceOf(IOException.class).hasMessageContaining("PNG signature");
        assertThatThrownBy(() -> PngCodec.decode(new byte[0])).isInstanceOf(IOException.class);
    }
}
