package dev.lacy.core.testing;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.List;

/** The scene of the paper's figure 4, with plausible footprint radii. */
public final class PaperScene {

    public static final Scene SCENE = new Scene(List.of(
            new SceneObject("lemon", new Point(0.493, 0.522), 0.04),
            new SceneObject("mustard bottle", new Point(0.211, 0.898), 0.06),
            new SceneObject("red wood block", new Point(0.452, 0.122), 0.05),
            new SceneObject("cable", new Point(0.902, 0.912), 0.05)));

    private PaperScene() {
    }
}
