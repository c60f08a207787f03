package dev.lacy.core.port.contract;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.List;

/** The scenes and points the contract tests use: two objects far apart on an otherwise free table. */
public final class ContractScenes {

    public static final Scene TWO_OBJECTS = new Scene(List.of(
            new SceneObject("lemon", new Point(0.3, 0.3), 0.05),
            new SceneObject("mustard bottle", new Point(0.7, 0.7), 0.07)));
    /** A point on no footprint, with room around it. */
    public static final Point FREE = new Point(0.3, 0.75);
    /** Another point on no footprint, far from {@link #FREE}. */
    public static final Point EMPTY = new Point(0.8, 0.2);

    private ContractScenes() {
    }
}
