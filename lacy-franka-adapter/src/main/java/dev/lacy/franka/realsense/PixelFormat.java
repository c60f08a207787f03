package dev.lacy.franka.realsense;

/** The colour layouts a frame may arrive in. */
public enum PixelFormat {
    RGB8(3, 0, 1, 2),
    BGR8(3, 2, 1, 0),
    RGBA8(4, 0, 1, 2),
    BGRA8(4, 2, 1, 0);

    final int bytesPerPixel;
    final int red;
    final int green;
    final int blue;

    PixelFormat(int bytesPerPixel, int red, int green, int blue) {
        this.bytesPerPixel = bytesPerPixel;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }
}
