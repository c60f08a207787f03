package dev.lacy.sim.tabletop;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Samples tabletop scenes: between {@code minObjects} and {@code maxObjects} distinct catalogue
 * objects, each footprint entirely on the table, no two footprints closer than {@code gap}.
 * Deterministic for a given random state. Thread-safe.
 */
public final class SceneSampler {

    private static final int ATTEMPTS = 200;

    private final ObjectCatalogue catalogue;
    private final int minObjects;
    private final int maxObjects;
    private final double gap;

    public SceneSampler(ObjectCatalogue catalogue, int minObjects, int maxObjects, double gap) {
        if (minObjects < 1 || maxObjects < minObjects || maxObjects > catalogue.entries().size()) {
            throw new IllegalArgumentException("objects per scene must satisfy 1 <= min <= max <= "
                    + catalogue.entries().size() + ", got " + minObjects + ".." + maxObjects);
        }
        if (!(gap >= 0 && gap < 0.2)) {
            throw new IllegalArgumentException("gap " + gap + " is not in [0, 0.2)");
        }
        this.catalogue = catalogue;
        this.minObjects = minObjects;
        this.maxObjects = maxObjects;
        this.gap = gap;
    }

    /** 3 to 8 objects from the standard catalogue, 0.02 apart. */
    public static SceneSampler standard() {
        return new SceneSampler(ObjectCatalogue.standard(), 3, 8, 0.02);
    }

    public Scene sample(RandomGenerator random) {
        int count = minObjects + random.nextInt(maxObjects - minObjects + 1);
        List<CatalogueEntry> pool = new ArrayList<>(catalogue.entries());
        var objects = new ArrayList<SceneObject>(count);
        while (objects.size() < count) {
            CatalogueEntry entry = pool.remove(random.nextInt(pool.size()));
            place(entry, objects, random).ifPresent(objects::add);
            if (pool.isEmpty() && objects.size() < count) {
                break;
            }
        }
        return new Scene(objects);
    }

    /** A free spot for this footprint among the placed objects, if one is found. */
    public java.util.Optional<Point> freeSpot(double radius, List<SceneObject> placed, RandomGenerator random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var center = new Point(radius + random.nextDouble() * (1 - 2 * radius),
                    radius + random.nextDouble() * (1 - 2 * radius));
            if (isFree(center, radius, placed)) {
                return java.util.Optional.of(center);
            }
        }
        return java.util.Optional.empty();
    }

    /** True when a footprint here stays on the table and keeps {@code gap} from every other footprint. */
    public boolean isFree(Point center, double radius, List<SceneObject> others) {
        if (center.x() < radius || center.x() > 1 - radius || center.y() < radius || center.y() > 1 - radius) {
            return false;
        }
        return others.stream().allMatch(o -> o.center().distanceTo(center) >= o.radius() + radius + gap);
    }

    private java.util.Optional<SceneObject> place(CatalogueEntry entry, List<SceneObject> placed, RandomGenerator random) {
        return freeSpot(entry.radius(), placed, random).map(c -> new SceneObject(entry.name(), c, entry.radius()));
    }
}
