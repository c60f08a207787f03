package dev.lacy.sim.tabletop;

import dev.lacy.core.scene.ObjectName;

/**
 * One kind of object: its name, its footprint radius in normalized workspace units, and how it is
 * drawn: a shape, a body colour and a mark colour ({@code 0xRRGGBB}) that tell it apart from the rest.
 */
public record CatalogueEntry(String name, double radius, Shape shape, int colour, int mark) {

    public CatalogueEntry {
        ObjectName.require(name);
        if (!(radius > 0 && radius < 0.25)) {
            throw new IllegalArgumentException(name + ": radius " + radius + " is not in (0, 0.25)");
        }
    }
}
