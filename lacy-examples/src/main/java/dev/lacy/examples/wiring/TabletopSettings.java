package dev.lacy.examples.wiring;

import dev.lacy.sim.tabletop.Randomization;

/** How the embedded tabletop renders and samples scenes. */
public record TabletopSettings(int imageSize, int minObjects, int maxObjects, Randomization randomization) {

    /** 224x224 images, 3 to 8 objects, no randomisation. */
    public static final TabletopSettings DEFAULTS = new TabletopSettings(224, 3, 8, Randomization.NONE);
}
