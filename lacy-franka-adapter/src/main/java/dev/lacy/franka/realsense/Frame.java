package dev.lacy.franka.realsense;

/** One colour frame as the camera delivers it: rows of {@code stride} bytes, top row first. */
public record Frame(int width, int height, int stride, PixelFormat format, byte[] data) {

    public Frame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " is not positive");
        }
        if (format == null || stride < width * format.bytesPerPixel) {
            throw new IllegalArgumentException("stride " + stride + " is shorter than a row of " + width + " "
                    + format + " pixels");
        }
        if (data == null || data.length < (long) stride * (height - 1) + (long) width * format.bytesPerPixel) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame with stride " + stride
                    + " needs more than " + (data == null ? 0 : data.length) + " bytes");
        }
    }
}
