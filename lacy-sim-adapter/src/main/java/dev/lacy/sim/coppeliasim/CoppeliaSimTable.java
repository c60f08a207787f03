package dev.lacy.sim.coppeliasim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.sim.tabletop.CatalogueEntry;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CoppeliaSim scene as LACY's table: the top-down vision sensor is the {@link Camera}, the robot
 * (moved through its IK target in stepping mode, with a gripper driven by an integer signal) is the
 * {@link RobotArm}, and {@link #stage} populates the table with catalogue objects. The scene contract
 * is {@link CoppeliaSimConfig}'s. Opening sets stepping mode and starts the simulation when it is stopped (a
 * stopped simulation neither steps nor renders its sensor); closing stops it again if it was started here.
 * Thread-safe: every operation is synchronized.
 *
 * <p>A pick-and-place is the waypoints pre-grasp, grasp, close, lift, (grasp check: the object must
 * have risen), transfer, place, open, retreat. The outcome reports where the object actually came to
 * rest, read back from the simulation.
 */
public final class CoppeliaSimTable implements RobotArm, Camera, SceneStager {

    private static final double OBJECT_HEIGHT = 0.05;

    private final RemoteApiClient client;
    private final CoppeliaSimConfig config;
    private final ObjectCatalogue catalogue;
    private final PlaneMapping tableToImage;
    private final int world;
    private final int sensor;
    private final int target;
    private final int objectsParent;
    private final RemoteModule sim;
    private boolean closed;
    private boolean startedHere;

    private CoppeliaSimTable(RemoteApiClient client, CoppeliaSimConfig config, ObjectCatalogue catalogue) {
        this.client = client;
        this.config = config;
        this.catalogue = catalogue;
        this.tableToImage = config.imageToTable().inverse();
        this.sim = client.require("sim");
        if (config.requireSimIk()) {
            client.require("simIK");
        }
        this.world = sim.intConstant("handle_world");
        this.sensor = handle(config.visionSensor());
        this.target = handle(config.ikTarget());
        this.objectsParent = handle(config.objectsParent());
        client.call("sim.setStepping", List.of(true));
        // a stopped simulation neither steps nor handles its vision sensor: start it (stepping, so it waits for us)
        // unless the user already has, and stop it on close only if we started it
        if (client.callForValue("sim.getSimulationState").asInt() == sim.intConstant("simulation_stopped")) {
            client.call("sim.startSimulation", List.of());
            startedHere = true;
        }
    }

    /** Connects to the scene and checks its contract (the three paths exist); the caller closes it. */
    public static CoppeliaSimTable open(CoppeliaSimConfig config, ObjectCatalogue catalogue) {
        RemoteApiClient client = RemoteApiClient.connect(config.endpoint(), config.timeout(), config.idleTimeout());
        try {
            return new CoppeliaSimTable(client, config, catalogue);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public synchronized Observation capture() {
        requireOpen();
        // the sensor is handled during a step: one step shows it the table as it is now
        client.call("sim.step", List.of());
        List<JsonNode> reply = client.call("sim.getVisionSensorImg", List.of(sensor));
        if (reply.size() < 2 || !reply.get(0).isBinary() || !reply.get(1).isArray() || reply.get(1).size() != 2) {
            throw new RemoteApiException("sim.getVisionSensorImg answered " + reply.size()
                    + " values; expected an image buffer and its [width, height]");
        }
        int width = reply.get(1).get(0).asInt();
        int height = reply.get(1).get(1).asInt();
        byte[] bottomUp;
        try {
            bottomUp = reply.get(0).binaryValue();
        } catch (java.io.IOException e) {
            throw new RemoteApiException("the vision sensor image cannot be read", e);
        }
        if (width <= 0 || height <= 0 || bottomUp.length != width * height * 3) {
            throw new RemoteApiException("the vision sensor sent " + bottomUp.length + " bytes for a " + width + "x"
                    + height + " RGB image (expected " + (3L * width * height) + ")");
        }
        return Observation.of(RgbImage.of(width, height, flipRows(bottomUp, width, height)), scene());
    }

    @Override
    public synchronized PickPlaceOutcome pickAndPlace(PickPlaceAction action) {
        requireOpen();
        Map<Integer, SceneObject> objects = objects();
        Scene scene = new Scene(List.copyOf(objects.values()));
        Optional<SceneObject> chosen = scene.selectedBy(action.pick());
        if (chosen.isEmpty()) {
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "no object under the gripper at " + action.pick().format());
        }
        int handle = objects.entrySet().stream().filter(e -> e.getValue().equals(chosen.get())).findFirst().orElseThrow().getKey();
        String name = chosen.get().name();
        PlanePoint pick = config.imageToTable().apply(PlanePoint.of(action.pick()));
        PlanePoint place = config.imageToTable().apply(PlanePoint.of(action.place()));
        double approach = config.tableHeight() + config.approachHeight();
        double grasp = config.tableHeight() + config.graspHeight();

        gripper(0);
        move(pick, approach);
        move(pick, grasp);
        gripper(1);
        double before = position(handle)[2];
        move(pick, approach);
        if (position(handle)[2] - before < config.liftCheck()) {
            gripper(0);
            return new PickPlaceOutcome.NothingGrasped(action.pick(), "the gripper closed on the " + name + " but did not lift it");
        }
        move(place, approach);
        move(place, grasp);
        gripper(0);
        move(place, approach);

        double[] rest = position(handle);
        Optional<Point> landed = tableToImage.apply(new PlanePoint(rest[0], rest[1])).toImagePoint();
        if (landed.isEmpty()) {
            return new PickPlaceOutcome.PlaceFailed(name, action.place(), "the " + name + " came to rest outside the workspace");
        }
        return new PickPlaceOutcome.Placed(name, landed.get());
    }

    /**
     * Populates the table: removes the objects under the objects parent and creates one cylinder per
     * scene object, with the catalogue's colour, the object's footprint and its name as alias.
     */
    @Override
    public synchronized void stage(Scene scene) {
        requireOpen();
        List<Integer> existing = children();
        if (!existing.isEmpty()) {
            client.call("sim.removeObjects", List.of(existing));
        }
        int cylinder = sim.intConstant("primitiveshape_cylinder");
        int colour = sim.intConstant("colorcomponent_ambient_diffuse");
        for (SceneObject object : scene.objects()) {
            double diameter = 2 * object.radius() * config.metresPerUnit();
            int handle = client.callForValue("sim.createPrimitiveShape", cylinder, List.of(diameter, diameter, OBJECT_HEIGHT), 0).asInt();
            client.call("sim.setObjectAlias", List.of(handle, alias(object.name())));
            client.call("sim.setObjectParent", List.of(handle, objectsParent, true));
            PlanePoint at = config.imageToTable().apply(PlanePoint.of(object.center()));
            client.call("sim.setObjectPosition", List.of(handle, List.of(at.x(), at.y(), config.tableHeight() + OBJECT_HEIGHT / 2), world));
            int rgb = catalogue.find(object.name()).map(CatalogueEntry::colour).orElse(0x808080);
            // colour name nil: the whole shape
            client.call("sim.setShapeColor", Arrays.asList(handle, null, colour,
                    List.of((rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0)));
        }
        client.call("sim.step", List.of());
    }

    /** The objects on the table now, as the simulation has them. */
    public synchronized Scene scene() {
        return new Scene(List.copyOf(objects().values()));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                if (startedHere) {
                    client.call("sim.stopSimulation", List.of());
                }
            } catch (RuntimeException e) {
                // the server may be gone; closing the client is all that is left to do
            } finally {
                client.close();
            }
        }
    }

    private Map<Integer, SceneObject> objects() {
        var objects = new LinkedHashMap<Integer, SceneObject>();
        for (int handle : children()) {
            String name = name(client.callForValue("sim.getObjectAlias", handle).asText());
            double[] at = position(handle);
            Optional<Point> center = tableToImage.apply(new PlanePoint(at[0], at[1])).toImagePoint();
            double radius = footprintRadius(handle);
            center.ifPresent(c -> objects.put(handle, new SceneObject(name, c, radius)));
        }
        return objects;
    }

    /** Half the larger horizontal side of the shape's bounding box, in normalized units. */
    private double footprintRadius(int handle) {
        JsonNode size = client.callForValue("sim.getShapeBB", handle);
        if (!size.isArray() || size.size() != 3) {
            throw new RemoteApiException("sim.getShapeBB answered " + size + "; expected [x, y, z] sizes");
        }
        double radius = Math.max(size.get(0).asDouble(), size.get(1).asDouble()) / 2 / config.metresPerUnit();
        return Math.min(0.5, Math.max(1e-6, radius));
    }

    private List<Integer> children() {
        JsonNode handles = client.callForValue("sim.getObjectsInTree", objectsParent, sim.intConstant("object_shape_type"), 3);
        var children = new ArrayList<Integer>(handles.size());
        handles.forEach(h -> children.add(h.asInt()));
        return children;
    }

    private void move(PlanePoint xy, double z) {
        client.call("sim.setObjectPosition", List.of(target, List.of(xy.x(), xy.y(), z), world));
        steps();
    }

    private void gripper(int closed) {
        client.call("sim.setInt32Signal", List.of(config.gripperSignal(), closed));
        steps();
    }

    private void steps() {
        for (int i = 0; i < config.stepsPerMove(); i++) {
            client.call("sim.step", List.of());
        }
    }

    private double[] position(int handle) {
        JsonNode xyz = client.callForValue("sim.getObjectPosition", handle, world);
        if (!xyz.isArray() || xyz.size() != 3) {
            throw new RemoteApiException("sim.getObjectPosition answered " + xyz + "; expected [x, y, z]");
        }
        return new double[] {xyz.get(0).asDouble(), xyz.get(1).asDouble(), xyz.get(2).asDouble()};
    }

    private int handle(String path) {
        try {
            return client.callForValue("sim.getObject", path).asInt();
        } catch (RemoteApiException.CallFailed e) {
            throw new RemoteApiException("the CoppeliaSim scene has no object at '" + path
                    + "' (see docs/coppeliasim.md for the scene contract): " + e.getMessage(), e);
        }
    }

    /** CoppeliaSim aliases hold letters, digits and '_': spaces, hyphens and apostrophes become '_'. */
    static String alias(String name) {
        return name.replaceAll("[^a-z0-9]", "_");
    }

    private String name(String alias) {
        return catalogue.entries().stream().map(CatalogueEntry::name).filter(n -> alias(n).equals(alias)).findFirst()
                .orElse(alias.replace('_', ' ').toLowerCase(java.util.Locale.ROOT).strip());
    }

    private static byte[] flipRows(byte[] bottomUp, int width, int height) {
        byte[] topDown = new byte[bottomUp.length];
        int row = width * 3;
        for (int y = 0; y < height; y++) {
            System.arraycopy(bottomUp, (height - 1 - y) * row, topDown, y * row, row);
        }
        return topDown;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the CoppeliaSim table is closed");
        }
    }
}
