package dev.lacy.core.format;

import dev.lacy.core.scene.ObjectName;
import dev.lacy.core.scene.Point;

/** One entry of a grounding sentence: an object's name and center (the sentence has no radius). */
public record GroundedObject(String name, Point center) {

    public GroundedObject {
        ObjectName.require(name);
        if (center == null) {
            throw new IllegalArgumentException("grounded object '" + name + "' has no center");
        }
    }
}
