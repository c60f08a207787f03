package dev.lacy.franka.realsense;

import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;

/**
 * A test double of a RealSense stream: BGR8 frames of a table with one disc per scene object
 * (colour from the object's name), rows padded beyond their width as real strides may be.
 */
final class SyntheticFrameSourceTestDouble implements FrameSource {

    static final int WIDTH = 80;
    static final int HEIGHT = 60;
    static final int STRIDE = WIDTH * 3 + 16;

    private final Scene scene;
    private boolean closed;

    SyntheticFrameSourceTestDouble(Scene scene) {
        this.scene = scene;
    }

    @Override
    public Frame next() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        byte[] data = new byte[STRIDE * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = 0xd0c8b0;
                for (SceneObject o : scene.objects()) {
                    double dx = (x + 0.5) / WIDTH - o.center().x();
                    double dy = (y + 0.5) / HEIGHT - o.center().y();
                    if (Math.hypot(dx, dy) <= o.radius()) {
                        rgb = o.name().hashCode() & 0xffffff;
                    }
                }
                int i = y * STRIDE + x * 3;
                data[i] = (byte) rgb;
                data[i + 1] = (byte) (rgb >> 8);
                data[i + 2] = (byte) (rgb >> 16);
            }
        }
        return new Frame(WIDTH, HEIGHT, STRIDE, PixelFormat.BGR8, data);
    }

    @Override
    public void close() {
        closed = true;
    }
}
