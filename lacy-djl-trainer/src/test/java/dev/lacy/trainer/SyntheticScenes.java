package dev.lacy.trainer;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test data: scenes of two to three coloured discs drawn on a grey table, seeded. */
final class SyntheticScenes {

    static final List<String> NAMES = List.of("lemon", "red block", "blue cylinder", "mug");
    private static final int[] COLOURS = {0xf0e040, 0xd02020, 0x2040d0, 0x806040};

    private SyntheticScenes() {
    }

    static Observation observation(SplittableRandom random, int size) {
        var objects = new ArrayList<SceneObject>();
        int count = 2 + random.nextInt(2);
        var pool = new ArrayList<>(NAMES);
        while (objects.size() < count) {
            String name = pool.remove(random.nextInt(pool.size()));
            Point center = new Point(0.15 + 0.7 * random.nextDouble(), 0.15 + 0.7 * random.nextDouble());
            if (objects.stream().allMatch(o -> o.center().distanceTo(center) > 0.2)) {
                objects.add(new SceneObject(name, center, 0.06));
            } else {
                pool.add(name);
            }
        }
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int colour = 0x808080;
                for (SceneObject o : objects) {
                    if (o.covers(new Point((x + 0.5) / size, (y + 0.5) / size))) {
                        colour = COLOURS[NAMES.indexOf(o.name())];
                    }
                }
                int i = (y * size + x) * 3;
                rgb[i] = (byte) (colour >> 16);
                rgb[i + 1] = (byte) (colour >> 8);
                rgb[i + 2] = (byte) colour;
            }
        }
        return Observation.of(RgbImage.of(size, size, rgb), new Scene(objects));
    }

    static List<GroundingSample> grounding(int n, long seed) {
        var random = new SplittableRandom(seed);
        var out = new ArrayList<GroundingSample>();
        for (int i = 0; i < n; i++) {
            out.add(new GroundingSample(observation(random, 32)));
        }
        return out;
    }

    static List<Demonstration> demonstrations(int n, long seed) {
        var random = new SplittableRandom(seed);
        var out = new ArrayList<Demonstration>();
        for (int i = 0; i < n; i++) {
            Observation o = observation(random, 32);
            SceneObject target = o.groundTruth().orElseThrow().objects().get(0);
            out.add(new Demonstration(o, "Pick the " + target.name() + " and place it in the center of the workspace",
                    new PickPlaceAction(target.center(), new Point(0.5, 0.5))));
        }
        return out;
    }

    static List<ConsistencySample> consistency(List<Demonstration> demos) {
        var out = new ArrayList<ConsistencySample>();
        for (Demonstration d : demos) {
            out.add(new ConsistencySample(d.observation(), d.instruction(), d.instruction(), true));
        }
        return out;
    }
}
