package dev.lacy.client;

import dev.lacy.core.scene.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images on the wire: PNG out; PNG or JPEG in, recognised by their signature, their size read from the header and
 * refused above {@link #MAX_SIDE} pixels a side before any pixel is decoded (a small file can claim a huge image).
 */
public final class ImageCodec {

    /** The largest width or height accepted. */
    public static final int MAX_SIDE = 4096;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private ImageCodec() {
    }

    public static byte[] png(RgbImage image) {
        var buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.toBytes();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int i = (y * image.width() + x) * 3;
                buffered.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IllegalStateException("no PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes PNG or JPEG bytes; {@code field} names the image in the error when they are anything else or damaged. */
    public static RgbImage decode(byte[] bytes, String field) {
        String format = startsWith(bytes, PNG) ? "png" : startsWith(bytes, JPEG) ? "jpeg" : null;
        if (format == null) {
            throw new WireFormatException(field, "not a PNG or JPEG image (" + bytes.length + " bytes that start with neither "
                    + "signature)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no " + format + " reader is available in this JVM");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new WireFormatException(field, "a " + width + " x " + height + " image; at most " + MAX_SIDE
                            + " pixels a side");
                }
                return rgb(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException wire) {
                throw wire;
            }
            throw new WireFormatException(field, "a damaged " + format.toUpperCase(java.util.Locale.ROOT) + " image ("
                    + e.getMessage() + ")");
        }
    }

    private static RgbImage rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getColorModel().getNumColorComponents() == 1;
        int[] samples = gray ? image.getRaster().getSamples(0, 0, width, height, 0, (int[]) null) : null;
        int shift = gray ? Math.max(0, image.getColorModel().getComponentSize(0) - 8) : 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                if (gray) {
                    byte g = (byte) (samples[y * width + x] >> shift);
                    rgb[i] = g;
                    rgb[i + 1] = g;
                    rgb[i + 2] = g;
                } else {
                    int p = image.getRGB(x, y);
                    rgb[i] = (byte) (p >> 16);
                    rgb[i + 1] = (byte) (p >> 8);
                    rgb[i + 2] = (byte) p;
                }
            }
        }
        return RgbImage.of(width, height, rgb);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
