package dev.lacy.sim.coppeliasim;

import static dev.lacy.sim.coppeliasim.RemoteApiPeerTestDouble.err;
import static dev.lacy.sim.coppeliasim.RemoteApiPeerTestDouble.ret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PlanePoint;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.Randomization;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A test double of a CoppeliaSim scene behind the remote API: a sensor, an IK target the "robot"
 * follows exactly, a gripper that attaches the object under the target when its signal closes and
 * drops it on the table when it opens, and a sensor image rendered from the objects, rows bottom-up
 * as CoppeliaSim sends them.
 *
 * <p>As the real server behaves (CoppeliaRobotics/zmqRemoteApi, {@code addOns/ZMQ remote API server.lua}): the
 * scene starts <em>stopped</em>; {@code sim.step} always answers {@code _*wait*_} first and finishes after the
 * client's {@code _*executed*_}, and only a running simulation advances (physics, and the vision sensor, which
 * is handled during a step: before the first step of a running simulation its image is black); the stepping
 * mode belongs to the client and is forgotten when the client stays idle longer than the {@code timeout} of its
 * first message (then the simulation runs free and {@code sim.step} no longer holds it); functions that
 * return nothing answer {@code {"ret": {}}} ({@link RemoteApiPeerTestDouble#ret()}).
 */
public final class SceneModelTestDouble implements RemoteApiPeerTestDouble.Handler {

    static final int SENSOR = 1;
    static final int TARGET = 2;
    static final int PARENT = 3;
    private static final double TABLE = 0;

    private final PlaneMapping imageToTable;
    private final Map<Integer, Body> bodies = new LinkedHashMap<>();
    private final double[] target = {0.5, 0, 0.3};
    private int gripper;
    private Integer attached;
    private int next = 100;
    private boolean running;
    private boolean stepping;
    private boolean stepPending;
    private long idleTimeoutSeconds = -1;
    private long idleSeconds;
    private int steps;
    private byte[] sensorImage = new byte[48 * 48 * 3];

    private static final class Body {
        String alias = "";
        int parent = -1;
        double diameter;
        double height;
        double[] position = {0, 0, 0};
    }

    public SceneModelTestDouble(PlaneMapping imageToTable) {
        this.imageToTable = imageToTable;
    }

    /** The time without a call, as if the client had been idle that long (the server's clock, in seconds). */
    public synchronized void idle(long seconds) {
        idleSeconds += seconds;
    }

    public synchronized boolean running() {
        return running;
    }

    /** Whether the server still holds the client's stepping mode (it forgets it after the client's idle timeout). */
    public synchronized boolean stepping() {
        return stepping;
    }

    /** Simulation steps that advanced the scene. */
    public synchronized int steps() {
        return steps;
    }

    @Override
    public synchronized Optional<Object> apply(JsonNode request) {
        String func = request.get("func").asText();
        JsonNode args = request.get("args");
        if (request.has("timeout")) {
            idleTimeoutSeconds = request.get("timeout").asLong();
        }
        if (idleTimeoutSeconds >= 0 && idleSeconds > idleTimeoutSeconds) {
            // the server forgot this client: its stepping mode went with it
            stepping = false;
        }
        idleSeconds = 0;
        if (func.equals("_*executed*_")) {
            if (!stepPending) {
                return Optional.of(err("_*executed*_ without a pending _*wait*_"));
            }
            stepPending = false;
            return Optional.of(stepNow());
        }
        return Optional.of(switch (func) {
            case "zmqRemoteApi.require", "sim.setObjectAlias", "sim.setShapeColor" -> after(func, args);
            case "sim.setStepping" -> {
                stepping = args.get(0).asBoolean();
                yield ret(0);
            }
            case "sim.getSimulationState" -> ret(running ? 17 : 0);
            case "sim.startSimulation" -> {
                running = true;
                yield ret(1);
            }
            case "sim.stopSimulation" -> {
                running = false;
                yield ret(1);
            }
            case "zmqRemoteApi.info" -> ret(Map.of(
                    "handle_world", Map.of("const", -1), "object_shape_type", Map.of("const", 0),
                    "primitiveshape_cylinder", Map.of("const", 10), "colorcomponent_ambient_diffuse", Map.of("const", 0),
                    "simulation_stopped", Map.of("const", 0), "simulation_paused", Map.of("const", 8),
                    "getObject", Map.of("func", "")));
            case "sim.getObject" -> switch (args.get(0).asText()) {
                case "/visionSensor" -> ret(SENSOR);
                case "/lacyTarget" -> ret(TARGET);
                case "/lacyObjects" -> ret(PARENT);
                default -> err("object does not exist");
            };
            case "sim.step" -> {
                // the server's sim.step: tell the client to wait, step when it acknowledges
                stepPending = true;
                yield Map.of("func", "_*wait*_", "args", List.of());
            }
            case "sim.setInt32Signal" -> {
                gripper = args.get(1).asInt();
                yield ret();
            }
            case "sim.createPrimitiveShape" -> {
                var body = new Body();
                body.diameter = args.get(1).get(0).asDouble();
                body.height = args.get(1).get(2).asDouble();
                bodies.put(next, body);
                yield ret(next++);
            }
            case "sim.setObjectParent" -> {
                bodies.get(args.get(0).asInt()).parent = args.get(1).asInt();
                yield ret();
            }
            case "sim.setObjectPosition" -> {
                double[] xyz = {args.get(1).get(0).asDouble(), args.get(1).get(1).asDouble(), args.get(1).get(2).asDouble()};
                if (args.get(0).asInt() == TARGET) {
                    System.arraycopy(xyz, 0, target, 0, 3);
                } else {
                    bodies.get(args.get(0).asInt()).position = xyz;
                }
                yield ret();
            }
            case "sim.getObjectPosition" -> {
                int handle = args.get(0).asInt();
                double[] p = handle == TARGET ? target : bodies.get(handle).position;
                yield ret(List.of(p[0], p[1], p[2]));
            }
            case "sim.getObjectsInTree" -> ret(bodies.entrySet().stream()
                    .filter(e -> e.getValue().parent == args.get(0).asInt()).map(Map.Entry::getKey).toList());
            case "sim.getObjectAlias" -> ret(bodies.get(args.get(0).asInt()).alias);
            case "sim.getShapeBB" -> {
                Body body = bodies.get(args.get(0).asInt());
                yield ret(List.of(body.diameter, body.diameter, body.height));
            }
            case "sim.removeObjects" -> {
                args.get(0).forEach(h -> bodies.remove(h.asInt()));
                yield ret();
            }
            case "sim.getVisionSensorImg" -> image();
            default -> err("the scene double does not know " + func);
        });
    }

    private Object after(String func, JsonNode args) {
        if (func.equals("sim.setObjectAlias")) {
            bodies.get(args.get(0).asInt()).alias = args.get(1).asText();
        }
        return ret();
    }

    private Object stepNow() {
        if (!running) {
            // a stopped simulation does not step: sim.step returns at once
            return ret();
        }
        steps++;
        if (gripper == 1 && attached == null) {
            for (Map.Entry<Integer, Body> entry : bodies.entrySet()) {
                Body body = entry.getValue();
                double distance = Math.hypot(body.position[0] - target[0], body.position[1] - target[1]);
                if (distance <= body.diameter / 2 && target[2] <= body.position[2] + body.height / 2 + 0.01) {
                    attached = entry.getKey();
                }
            }
        }
        if (attached != null) {
            Body body = bodies.get(attached);
            if (gripper == 0) {
                body.position = new double[] {target[0], target[1], TABLE + body.height / 2};
                attached = null;
            } else {
                body.position = new double[] {target[0], target[1], target[2]};
            }
        }
        sensorImage = render();
        return ret();
    }

    private Object image() {
        return ret(sensorImage.clone(), List.of(48, 48));
    }

    /** The sensor's image of the scene now, bottom row first. */
    private byte[] render() {
        PlaneMapping toImage = imageToTable.inverse();
        double metresPerUnit = imageToTable.apply(new PlanePoint(0, 0.5)).distanceTo(imageToTable.apply(new PlanePoint(1, 0.5)));
        var objects = new ArrayList<SceneObject>();
        for (Body body : bodies.values()) {
            Optional<Point> center = toImage.apply(new PlanePoint(body.position[0], body.position[1])).toImagePoint();
            center.ifPresent(c -> objects.add(new SceneObject(body.alias.replace('_', ' '), c, body.diameter / 2 / metresPerUnit)));
        }
        RgbImage topDown = new TabletopRenderer(ObjectCatalogue.standard(), 48, Randomization.NONE)
                .render(new Scene(objects), new SplittableRandom(0));
        byte[] rgb = topDown.toBytes();
        byte[] bottomUp = new byte[rgb.length];
        int row = 48 * 3;
        for (int y = 0; y < 48; y++) {
            System.arraycopy(rgb, y * row, bottomUp, (47 - y) * row, row);
        }
        return bottomUp;
    }
}
