package dev.lacy.examples.wiring;

import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.dataset.MalformedFileException;
import dev.lacy.franka.arm.FrankaConfig;
import dev.lacy.franka.arm.SafetyEnvelope;
import dev.lacy.franka.realsense.FrameConverter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads a Franka configuration file (docs/franka.md): the rosbridge address and the calibration
 * file are required; everything else defaults as {@link FrankaConfig#defaults} says. The workspace
 * polygon defaults to the calibrated image's corners. Unknown fields and malformed values are
 * errors naming the file and the field.
 */
public final class FrankaConfigFile {

    private static final Set<String> FIELDS = Set.of("rosbridge", "calibrationFile", "workspace", "minZ", "maxZ",
            "velocityScaling", "accelerationScaling", "tableZ", "approachHeight", "graspHeight", "orientation", "baseFrame",
            "planningGroup", "toolLink", "cartesianPathService", "executeAction", "gripperPrefix", "jointStates",
            "openWidth", "graspWidth", "graspEpsilon", "graspForce", "gripperSpeed", "maxStep", "timeoutSeconds",
            "motionTimeoutSeconds", "dryRun", "camera");
    private static final Set<String> CAMERA_FIELDS = Set.of("width", "height", "fps", "crop", "size");

    private FrankaConfigFile() {
    }

    public static FrankaSetup read(Path file) {
        ConfigReader c = ConfigReader.open(file, FIELDS);
        if (!c.has("rosbridge") || !c.has("calibrationFile")) {
            throw new MalformedFileException(file, "", "needs \"rosbridge\" (ws://HOST:9090) and \"calibrationFile\""
                    + " (written by 'lacy calibrate')");
        }
        Path calibrationFile = file.toAbsolutePath().getParent().resolve(c.text("calibrationFile", ""));
        PlaneMapping imageToBase = CalibrationFile.read(calibrationFile);
        try {
            FrankaConfig d = FrankaConfig.defaults(URI.create(c.text("rosbridge", "")), imageToBase);
            List<PlanePoint> polygon = c.has("workspace") ? c.points("workspace") : d.envelope().polygon();
            var envelope = new SafetyEnvelope(polygon, c.number("minZ", d.envelope().minZ()), c.number("maxZ", d.envelope().maxZ()),
                    c.number("velocityScaling", d.envelope().velocityScaling()),
                    c.number("accelerationScaling", d.envelope().accelerationScaling()));
            var arm = d.toBuilder().timeout(seconds(c, "timeoutSeconds", d.timeout()))
                    .motionTimeout(seconds(c, "motionTimeoutSeconds", d.motionTimeout())).envelope(envelope)
                    .tableZ(c.number("tableZ", d.tableZ())).approachHeight(c.number("approachHeight", d.approachHeight()))
                    .graspHeight(c.number("graspHeight", d.graspHeight())).orientation(c.numbers("orientation", 4, d.orientation()))
                    .baseFrame(c.text("baseFrame", d.baseFrame())).planningGroup(c.text("planningGroup", d.planningGroup()))
                    .toolLink(c.text("toolLink", d.toolLink()))
                    .cartesianPathService(c.text("cartesianPathService", d.cartesianPathService()))
                    .executeAction(c.text("executeAction", d.executeAction())).gripperPrefix(c.text("gripperPrefix", d.gripperPrefix()))
                    .jointStates(c.text("jointStates", d.jointStates())).openWidth(c.number("openWidth", d.openWidth()))
                    .graspWidth(c.number("graspWidth", d.graspWidth())).graspEpsilon(c.number("graspEpsilon", d.graspEpsilon()))
                    .graspForce(c.number("graspForce", d.graspForce())).gripperSpeed(c.number("gripperSpeed", d.gripperSpeed()))
                    .maxStep(c.number("maxStep", d.maxStep())).dryRun(c.bool("dryRun", d.dryRun())).build();
            ConfigReader camera = c.has("camera") ? c.object("camera", CAMERA_FIELDS) : null;
            int width = camera == null ? 1280 : (int) camera.number("width", 1280);
            int height = camera == null ? 720 : (int) camera.number("height", 720);
            int fps = camera == null ? 30 : (int) camera.number("fps", 30);
            int size = camera == null ? 224 : (int) camera.number("size", 224);
            List<Double> crop = camera == null ? centredSquare(width, height) : camera.numbers("crop", 4, centredSquare(width, height));
            var converter = new FrameConverter(crop.get(0).intValue(), crop.get(1).intValue(), crop.get(2).intValue(),
                    crop.get(3).intValue(), size);
            return new FrankaSetup(arm, width, height, fps, converter);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, "", e.getMessage());
        }
    }

    private static List<Double> centredSquare(int width, int height) {
        int side = Math.min(width, height);
        return List.of((double) (width - side) / 2, (double) (height - side) / 2, (double) side, (double) side);
    }

    private static Duration seconds(ConfigReader c, String field, Duration fallback) {
        return Duration.ofMillis(Math.round(1000 * c.number(field, fallback.toMillis() / 1000.0)));
    }
}
