package dev.lacy.sim.tabletop;

/** How an object looks from above; every shape is drawn inside the object's footprint circle. */
public enum Shape {
    /** A filled circle: cans, fruit, balls. */
    DISC,
    /** A circle with a hollow center: bowls, mugs, tape. */
    RING,
    /** A square: blocks, cubes. */
    SQUARE,
    /** A rectangle twice as long as wide: boxes, bottles lying down. */
    BOX,
    /** A long thin ellipse: bananas, markers, tools. */
    BAR,
    /** An ellipse: pears, sponges. */
    OVAL
}
