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
