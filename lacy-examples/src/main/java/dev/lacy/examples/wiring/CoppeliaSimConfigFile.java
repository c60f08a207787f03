package dev.lacy.examples.wiring;

import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PointPair;
import dev.lacy.dataset.MalformedFileException;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads a CoppeliaSim configuration file: every field optional, over {@link CoppeliaSimConfig#defaults}.
 * <pre>{"visionSensor": "/visionSensor", "ikTarget": "/lacyTarget", "objectsParent": "/lacyObjects",
 *  "gripperSignal": "lacyGripper", "timeoutSeconds": 10, "tableHeight": 0.0, "approachHeight": 0.15,
 *  "graspHeight": 0.02, "liftCheck": 0.03, "stepsPerMove": 20, "requireSimIk": false,
 *  "calibration": [{"image": [0, 0], "table": [0.75, 0.25]}, ...]}</pre>
 * Unknown fields and malformed values are errors naming the file and the field.
 */
public final class CoppeliaSimConfigFile {

    private static final Set<String> FIELDS = Set.of("visionSensor", "ikTarget", "objectsParent", "gripperSignal",
            "timeoutSeconds", "idleTimeoutSeconds", "tableHeight", "approachHeight", "graspHeight", "liftCheck", "stepsPerMove", "requireSimIk",
            "calibration");

    private CoppeliaSimConfigFile() {
    }

    public static CoppeliaSimConfig read(Path file, String endpoint) {
        ConfigReader c = ConfigReader.open(file, FIELDS);
        CoppeliaSimConfig d = CoppeliaSimConfig.defaults(endpoint);
        try {
            return new CoppeliaSimConfig(endpoint,
                    Duration.ofMillis(Math.round(1000 * c.number("timeoutSeconds", d.timeout().toMillis() / 1000.0))),
                    Duration.ofSeconds(Math.round(c.number("idleTimeoutSeconds", d.idleTimeout().toSeconds()))),
                    c.text("visionSensor", d.visionSensor()), c.text("ikTarget", d.ikTarget()),
                    c.text("objectsParent", d.objectsParent()), c.text("gripperSignal", d.gripperSignal()),
                    c.has("calibration") ? fit(c.pairs("calibration"), c, "calibration") : d.imageToTable(),
                    c.number("tableHeight", d.tableHeight()), c.number("approachHeight", d.approachHeight()),
                    c.number("graspHeight", d.graspHeight()), c.number("liftCheck", d.liftCheck()),
                    (int) c.number("stepsPerMove", d.stepsPerMove()), c.bool("requireSimIk", d.requireSimIk()));
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, "", e.getMessage());
        }
    }

    /** An affine map from 3 pairs, a homography from 4 or more. */
    static PlaneMapping fit(List<PointPair> pairs, ConfigReader c, String field) {
        try {
            return pairs.size() == 3 ? PlaneMapping.fitAffine(pairs) : PlaneMapping.fitHomography(pairs);
        } catch (IllegalArgumentException e) {
            throw c.error(field, e.getMessage());
        }
    }
}
