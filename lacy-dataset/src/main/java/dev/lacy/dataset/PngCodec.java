package dev.lacy.dataset;

import dev.lacy.core.scene.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** RGB images to and from PNG bytes. Deterministic: the same image always gives the same bytes. */
public final class PngCodec {

    private PngCodec() {
    }

    public static byte[] encode(RgbImage image) {
        var buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.toBytes();
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int i = (y * image.width() + x) * 3;
                row[x] = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
            }
            buffered.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        var out = new ByteArrayOutputStream(image.width() * image.height());
        try {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IllegalStateException("no PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * ImageIO's PNG reader over the bytes in memory: {@code ImageIO.read} of a stream caches it in a temporary file
     * (ImageIO's default), which cost more than decoding a small PNG.
     */
    private static BufferedImage read(byte[] png) throws IOException {
        var readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("no PNG reader is available in this JVM");
        }
        javax.imageio.ImageReader reader = readers.next();
        try (var in = new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("not a PNG image (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The RGB bytes of an 8-bit sRGB image stored as interleaved bytes (what ImageIO makes of an RGB PNG), copied from
     * its raster in one pass; null for any other layout. {@link BufferedImage#getRGB} gives the same values through the
     * colour model one pixel at a time, which made reading 64,000 L2C pairs' images most of a fine-tune's start-up.
     */
    private static byte[] interleavedRgb(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || !image.getColorModel().getColorSpace().isCS_sRGB()
                || !(image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer)
                || !(image.getRaster().getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel model)
                || image.getRaster().getParent() != null || model.getPixelStride() != 3) {
            return null;
        }
        int[] offsets = model.getBandOffsets();
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] data = buffer.getData();
        int stride = model.getScanlineStride();
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0, out = 0; y < height; y++) {
            for (int x = 0, in = y * stride; x < width; x++, in += 3, out += 3) {
                rgb[out] = data[in + offsets[0]];
                rgb[out + 1] = data[in + offsets[1]];
                rgb[out + 2] = data[in + offsets[2]];
            }
        }
        return rgb;
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Decodes PNG bytes; throws {@link IOException} naming what is wrong with anything else (a JPEG or GIF named
     * .png included: the bytes must start with the PNG signature). Grayscale PNGs (8 or 16 bits, with or without
     * alpha) give their gray value on all three channels; 16-bit samples keep their top 8 bits.
     */
    public static RgbImage decode(byte[] png) throws IOException {
        if (png.length < SIGNATURE.length || !java.util.Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a PNG image (it does not start with the PNG signature)");
        }
        BufferedImage buffered = read(png);
        int width = buffered.getWidth();
        int height = buffered.getHeight();
        if (buffered.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
            // Java converts gray through a linear colour space, which lightens every value: read the samples instead
            var raster = buffered.getRaster();
            int max = (1 << buffered.getColorModel().getComponentSize(0)) - 1;
            int[] gray = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            byte[] rgb = new byte[gray.length * 3];
            for (int i = 0; i < gray.length; i++) {
                byte value = (byte) Math.round(gray[i] * 255.0 / max);
                rgb[3 * i] = value;
                rgb[3 * i + 1] = value;
                rgb[3 * i + 2] = value;
            }
            return RgbImage.of(width, height, rgb);
        }
        byte[] direct = interleavedRgb(buffered);
        if (direct != null) {
            return RgbImage.of(width, height, direct);
        }
        int[] argb = buffered.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return RgbImage.of(width, height, rgb);
    }
}
