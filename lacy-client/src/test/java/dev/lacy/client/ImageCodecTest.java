package dev.lacy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.scene.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    static RgbImage gradient(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = (byte) (i % w * 255 / w);
            rgb[3 * i + 1] = (byte) (i / w * 255 / h);
            rgb[3 * i + 2] = (byte) 90;
        }
        return RgbImage.of(w, h, rgb);
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void aPngComesBackExactly() {
        RgbImage image = gradient(17, 9);

        assertThat(ImageCodec.decode(ImageCodec.png(image), "image")).isEqualTo(image);
    }

    @Test
    void aJpegIsReadWithinItsCompressionLoss() throws IOException {
        var buffered = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                buffered.setRGB(x, y, 0xc83c28);
            }
        }
        RgbImage read = ImageCodec.decode(encode(buffered, "jpeg"), "image");

        assertThat(read.width()).isEqualTo(32);
        int p = read.pixel(16, 16);
        assertThat(p >> 16 & 0xff).isBetween(190, 210);
        assertThat(p >> 8 & 0xff).isBetween(50, 70);
        assertThat(p & 0xff).isBetween(30, 50);
    }

    @Test
    void aGrayPngGivesItsGrayValueOnEveryChannel() throws IOException {
        var gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 2, 0, 77);

        RgbImage read = ImageCodec.decode(encode(gray, "png"), "image");

        assertThat(read.pixel(1, 2)).isEqualTo(77 << 16 | 77 << 8 | 77);
    }

    @Test
    void otherBytesATruncatedImageAndAHugeOneAreRefusedNamingTheField() {
        byte[] png = ImageCodec.png(gradient(40, 40));

        assertThatThrownBy(() -> ImageCodec.decode("GIF89a...".getBytes(), "photo")).isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("photo: not a PNG or JPEG");
        assertThatThrownBy(() -> ImageCodec.decode(Arrays.copyOf(png, png.length / 2), "photo"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("damaged PNG");
        // a header that claims 100,000 x 100,000 pixels
        byte[] huge = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgABhqAAAYagCAIAAADxRbMAAAAAAElFTkSuQmCC");
        assertThatThrownBy(() -> ImageCodec.decode(huge, "photo")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("100000 x 100000").hasMessageContaining("at most 4096");
    }
}
