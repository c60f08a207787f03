package dev.lacy.examples.cli;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.SceneJson;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A scene file, an action on it, and the spatial thresholds: what {@code describe} and {@code judge} read. */
final class SceneActionOptions {

    @Option(names = "--scene", required = true, paramLabel = "FILE",
            description = "scene JSON: {\"objects\": [{\"name\", \"x\", \"y\", \"radius\"}]}")
    Path scene;

    @Option(names = "--pick", required = true, paramLabel = "X,Y", description = "pick point, normalized")
    Point pick;

    @Option(names = "--place", required = true, paramLabel = "X,Y", description = "place point, normalized")
    Point place;

    @Option(names = "--d-abs", defaultValue = "0.15", description = "absolute allowed beyond this distance (default ${DEFAULT-VALUE})")
    double dAbs;

    @Option(names = "--d-rel", defaultValue = "0.3",
            description = "relative allowed, and succeeds, within this distance (default ${DEFAULT-VALUE})")
    double dRel;

    Scene readScene() {
        return new SceneJson().read(scene);
    }

    PickPlaceAction action() {
        return new PickPlaceAction(pick, place);
    }

    SpatialThresholds thresholds() {
        return new SpatialThresholds(dAbs, dRel);
    }
}
