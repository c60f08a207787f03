package dev.lacy.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.scene.RgbImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RecentImagesTest {

    private static byte[] png(int seed) {
        byte[] rgb = new byte[5 * 4 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (seed * 31 + i * 7);
        }
        return PngCodec.encode(RgbImage.of(5, 4, rgb));
    }

    @Test
    void theSameBytesDecodeOnceAndOtherBytesToTheirOwnImage() throws IOException {
        var recent = new RecentImages(2);
        RgbImage first = recent.decode(png(1));

        assertThat(recent.decode(png(1))).as("equal bytes, another array").isSameAs(first);
        RgbImage second = recent.decode(png(2));
        assertThat(second).isNotEqualTo(first).isEqualTo(PngCodec.decode(png(2)));
        recent.decode(png(3));
        // capacity 2: the first was let go, and comes back decoded again, equal
        RgbImage again = recent.decode(png(1));
        assertThat(again).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void badBytesAreStillAnError() {
        var recent = new RecentImages(2);
        assertThatThrownBy(() -> recent.decode(new byte[] {1, 2, 3})).isInstanceOf(IOException.class)
                .hasMessageContaining("PNG signature");
    }
}
