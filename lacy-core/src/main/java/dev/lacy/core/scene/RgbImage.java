package dev.lacy.core.scene;

import java.util.Arrays;

/**
 * An 8-bit RGB raster, row-major from the top-left, three bytes per pixel. Immutable: the pixels
 * are copied in and out.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;
    /** The content's hash, computed on first use (0: not yet). */
    private int hash;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public static RgbImage of(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is not positive");
        }
        if (rgb == null || rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs "
                    + (3L * width * height) + " bytes, got " + (rgb == null ? "none" : rgb.length));
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /** An image of one colour, {@code 0xRRGGBB}. */
    public static RgbImage filled(int width, int height, int colour) {
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) (colour >> 16);
            rgb[i + 1] = (byte) (colour >> 8);
            rgb[i + 2] = (byte) colour;
        }
        return of(width, height, rgb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixel at (x, y) as {@code 0xRRGGBB}. */
    public int pixel(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + "," + y + ") is outside " + width + "x" + height);
        }
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }

    /** The raw bytes themselves, for this package's readers that only read them. */
    byte[] sharedBytes() {
        return rgb;
    }

    /** A copy of the raw bytes, row-major RGB. */
    public byte[] toBytes() {
        return rgb.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage that && width == that.width && height == that.height
                && Arrays.equals(rgb, that.rgb);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * (31 * width + height) + Arrays.hashCode(rgb);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
