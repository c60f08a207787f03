package dev.lacy.examples.cli;

import com.google.inject.Injector;
import dev.lacy.core.port.SceneStager;
import dev.lacy.dataset.SceneJson;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --scene FILE}: put a scene on a simulated table before a command observes or acts. */
final class SceneStaging {

    @Option(names = "--scene", paramLabel = "FILE", description = "stage this scene first (simulators only)")
    Path scene;

    /** Stages the scene, if one was given; a real robot's table cannot be staged. */
    void stage(Injector injector, BackendOptions backend) {
        if (scene == null) {
            return;
        }
        if (backend.backend == BackendOptions.Backend.franka) {
            throw new IllegalArgumentException("--scene stages a simulated table; a real robot's table is set up by hand");
        }
        injector.getInstance(SceneStager.class).stage(new SceneJson().read(scene));
    }
}
