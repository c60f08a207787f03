package dev.lacy.server;

import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;

/** Pictures of test scenes: each object a coloured disc on a grey table, as the oracle double knows them. */
final class TestScenes {

    private TestScenes() {
    }

    static RgbImage picture(Scene scene, int size) {
        byte[] rgb = new byte[size * size * 3];
        int[] colours = {0xf2d22e, 0xc8a000, 0x2e7bf2, 0xd12e2e};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int colour = 0xb4b4b4;
                for (int i = 0; i < scene.objects().size(); i++) {
                    SceneObject o = scene.objects().get(i);
                    double dx = (x + 0.5) / size - o.center().x();
                    double dy = (y + 0.5) / size - o.center().y();
                    if (dx * dx + dy * dy <= o.radius() * o.radius()) {
                        colour = colours[i % colours.length];
                    }
                }
                int at = (y * size + x) * 3;
                rgb[at] = (byte) (colour >> 16);
                rgb[at + 1] = (byte) (colour >> 8);
                rgb[at + 2] = (byte) colour;
            }
        }
        return RgbImage.of(size, size, rgb);
    }
}
