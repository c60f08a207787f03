package dev.lacy.server;

import dev.lacy.core.scene.RgbImage;

/** A scene the playground offers: its image and an instruction to start from (a test scene's or a pool example's). */
public record PlaygroundScene(String id, String kind, RgbImage image, String instruction) {

    public PlaygroundScene {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a scene id is letters, digits, '.', '_' and '-', not '" + id + "'");
        }
        if (image == null || instruction == null || kind == null) {
            throw new IllegalArgumentException("scene " + id + " needs a kind, an image and an instruction");
        }
    }
}
