package dev.lacy.core.scene;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The footprint radius of each kind of object a workcell knows, by name, in the normalized units of {@link Point}: what a
 * grounding sentence does not say (it gives names and centers). The embedded simulator's catalogue knows every object
 * it places; a real workcell knows the objects it was set up with (YCB's published sizes, a measured footprint).
 * Empty for a name it does not know.
 */
@FunctionalInterface
public interface Footprints {

    OptionalDouble radius(String name);

    /** Footprints that know no object. */
    static Footprints none() {
        return name -> OptionalDouble.empty();
    }

    /** The radii of the named objects; a radius outside (0, 0.5] is an error naming its object. */
    static Footprints of(Map<String, Double> radii) {
        if (radii == null) {
            throw new IllegalArgumentException("footprints need a map of radii");
        }
        var copy = Map.copyOf(radii);
        copy.forEach((name, radius) -> new SceneObject(name, new Point(0.5, 0.5), radius));
        return name -> copy.containsKey(name) ? OptionalDouble.of(copy.get(name)) : OptionalDouble.empty();
    }
}
