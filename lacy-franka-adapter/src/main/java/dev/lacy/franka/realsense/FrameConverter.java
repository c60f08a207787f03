package dev.lacy.franka.realsense;

import dev.lacy.core.scene.RgbImage;

/**
 * Turns a camera frame into the workspace image the model sees: crop to the region of interest
 * (the calibrated workspace, in pixels of the frame), then resize with bilinear interpolation to
 * {@code size} x {@code size}. Immutable and thread-safe.
 */
public record FrameConverter(int cropX, int cropY, int cropWidth, int cropHeight, int size) {

    public FrameConverter {
        if (cropX < 0 || cropY < 0 || cropWidth <= 0 || cropHeight <= 0 || size < 1) {
            throw new IllegalArgumentException("crop (" + cropX + ", " + cropY + ", " + cropWidth + "x" + cropHeight
                    + ") and size " + size + " must be non-negative offsets and positive sizes");
        }
    }

    public RgbImage convert(Frame frame) {
        if (cropX + cropWidth > frame.width() || cropY + cropHeight > frame.height()) {
            throw new IllegalArgumentException("the crop (" + cropX + ", " + cropY + ", " + cropWidth + "x" + cropHeight
                    + ") does not fit in the " + frame.width() + "x" + frame.height() + " frame");
        }
        byte[] out = new byte[size * size * 3];
        double sx = (double) cropWidth / size;
        double sy = (double) cropHeight / size;
        for (int y = 0; y < size; y++) {
            double fy = Math.min(cropHeight - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(cropHeight - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < size; x++) {
                double fx = Math.min(cropWidth - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(cropWidth - 1, x0 + 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = channel(frame, x0, y0, c) * (1 - wx) + channel(frame, x1, y0, c) * wx;
                    double bottom = channel(frame, x0, y1, c) * (1 - wx) + channel(frame, x1, y1, c) * wx;
                    out[(y * size + x) * 3 + c] = (byte) Math.round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return RgbImage.of(size, size, out);
    }

    /** The whole frame, resized to {@code size}. */
    public static FrameConverter whole(int width, int height, int size) {
        return new FrameConverter(0, 0, width, height, size);
    }

    private int channel(Frame frame, int x, int y, int c) {
        PixelFormat f = frame.format();
        int offset = (cropY + y) * frame.stride() + (cropX + x) * f.bytesPerPixel;
        int index = c == 0 ? f.red : c == 1 ? f.green : f.blue;
        return frame.data()[offset + index] & 0xff;
    }
}
