package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.dataset.AtomicFiles;
import dev.lacy.dataset.PngCodec;
import dev.lacy.dataset.SceneJson;
import dev.lacy.examples.wiring.DomainModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Commands that drive the robot and camera of the chosen backend directly. */
final class WorkcellCommands {

    private WorkcellCommands() {
    }

    private static Injector injector(BackendOptions backend, JsonOutput output) {
        return Guice.createInjector(new DomainModule(SpatialThresholds.PAPER), backend.module(output.err()));
    }

    /** {@code lacy observe}: one image from the backend's camera, and the scene when the backend knows it. */
    @Command(name = "observe", mixinStandardHelpOptions = true,
            description = "Capture one observation from the backend's camera (optionally staging a scene first).")
    static final class Observe implements Callable<Integer> {

        @Mixin
        JsonOutput output;

        @Mixin
        BackendOptions backend;

        @Mixin
        SceneStaging staging;

        @Option(names = "--out", paramLabel = "FILE", description = "write the image as PNG")
        Path out;


        @Override
        public Integer call() throws IOException {
            if (out != null) {
                OutputPaths.requireFile("--out", out);
            }
            Injector injector = injector(backend, output);
            staging.stage(injector, backend);
            try (Camera camera = injector.getInstance(Camera.class)) {
                Observation observation = camera.capture();
                if (out != null) {
                    AtomicFiles.write(out, PngCodec.encode(observation.image()));
                }
                ObjectNode result = Output.object().put("width", observation.image().width())
                        .put("height", observation.image().height()).put("image", out == null ? null : out.toString());
                observation.groundTruth().ifPresentOrElse(s -> result.set("scene", new SceneJson().toTree(s)),
                        () -> result.putNull("scene"));
                output.print(result, observation.image().width() + "x"
                        + observation.image().height() + " image" + (out == null ? "" : " written to " + out)
                        + observation.groundTruth().map(s -> "; objects: " + String.join(", ", s.names())).orElse(""));
            }
            return 0;
        }
    }

    /** {@code lacy execute}: one pick-and-place on the backend's arm. */
    @Command(name = "execute", mixinStandardHelpOptions = true,
            description = "Execute one pick-and-place on the backend's arm (optionally staging a scene first).")
    static final class Execute implements Callable<Integer> {

        @Mixin
        JsonOutput output;

        @Mixin
        BackendOptions backend;

        @Mixin
        SceneStaging staging;

        @Option(names = "--pick", required = true, paramLabel = "X,Y", description = "pick point, normalized")
        Point pick;

        @Option(names = "--place", required = true, paramLabel = "X,Y", description = "place point, normalized")
        Point place;


        @Override
        public Integer call() {
            Injector injector = injector(backend, output);
            staging.stage(injector, backend);
            try (RobotArm arm = injector.getInstance(RobotArm.class)) {
                PickPlaceOutcome outcome = arm.pickAndPlace(new PickPlaceAction(pick, place));
                ObjectNode result = Output.object();
                if (outcome instanceof PickPlaceOutcome.Placed placed) {
                    result.put("outcome", "placed").put("object", placed.object());
                    result.putArray("placedAt").add(placed.placedAt().x()).add(placed.placedAt().y());
                } else if (outcome instanceof PickPlaceOutcome.NothingGrasped nothing) {
                    result.put("outcome", "nothing-grasped").put("reason", nothing.reason());
                } else if (outcome instanceof PickPlaceOutcome.PlaceFailed failed) {
                    result.put("outcome", "place-failed").put("object", failed.object()).put("reason", failed.reason());
                } else {
                    result.put("outcome", "refused").put("reason", ((PickPlaceOutcome.Refused) outcome).reason());
                }
                output.print(result, outcome.describe());
            }
            return 0;
        }
    }
}
