package dev.lacy.sim.tabletop;

import dev.lacy.core.scene.Footprints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The objects the embedded tabletop knows: 32 objects of the YCB object set used for tabletop
 * manipulation, with footprints from the YCB set's published dimensions, and coloured toy blocks and
 * cylinders. Footprint radii are half the geometric mean of the two horizontal extents in millimetres
 * (the object lying in its stable pose), divided by {@link #WORKSPACE_MM}, and at least
 * {@link #MIN_RADIUS} so that the smallest objects stay visible and graspable.
 */
public final class ObjectCatalogue {

    /** The side of the square workspace the camera sees, in millimetres. */
    public static final double WORKSPACE_MM = 800;
    public static final double MIN_RADIUS = 0.03;

    private final List<CatalogueEntry> entries;

    private ObjectCatalogue(List<CatalogueEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The YCB objects and the toy blocks and cylinders. */
    public static ObjectCatalogue standard() {
        var all = new ArrayList<>(ycb());
        all.addAll(toys());
        return new ObjectCatalogue(all);
    }

    public static ObjectCatalogue of(List<CatalogueEntry> entries) {
        return new ObjectCatalogue(entries);
    }

    public List<CatalogueEntry> entries() {
        return entries;
    }

    public Optional<CatalogueEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Every entry's footprint radius by name, for what reads a grounding sentence (names and centers only). */
    public Footprints footprints() {
        return name -> find(name).map(e -> OptionalDouble.of(e.radius())).orElse(OptionalDouble.empty());
    }

    /** 32 YCB objects; extents in mm from the YCB object set's published dimensions. */
    static List<CatalogueEntry> ycb() {
        return List.of(
                ycb("master chef can", 102, 102, Shape.DISC, 0x1f4e9c, 0xd9b34a),
                ycb("cracker box", 158, 60, Shape.BOX, 0xc8262b, 0xf3d23a),
                ycb("sugar box", 89, 38, Shape.BOX, 0xf2e6c2, 0x2f7fc1),
                ycb("tomato soup can", 66, 66, Shape.DISC, 0xd1322e, 0xf4f1ea),
                ycb("mustard bottle", 95, 58, Shape.OVAL, 0xf5d20c, 0x1f3f8f),
                ycb("tuna fish can", 85, 85, Shape.DISC, 0x3d6fb6, 0xe8e8e8),
                ycb("pudding box", 110, 89, Shape.BOX, 0x7a4a2a, 0xe9d8b8),
                ycb("gelatin box", 85, 73, Shape.BOX, 0xd8414f, 0xffffff),
                ycb("potted meat can", 97, 50, Shape.BOX, 0x2b4f8c, 0xe0c030),
                ycb("banana", 190, 36, Shape.BAR, 0xf3d34a, 0x6b4e16),
                ycb("strawberry", 55, 44, Shape.OVAL, 0xd7192a, 0x3d9a3a),
                ycb("apple", 75, 75, Shape.DISC, 0xb3121c, 0x6a8b2e),
                ycb("lemon", 68, 54, Shape.OVAL, 0xfbe54b, 0xb5a21e),
                ycb("peach", 59, 59, Shape.DISC, 0xf2a365, 0xd2553e),
                ycb("pear", 100, 66, Shape.OVAL, 0xb9c64a, 0x7d5b2e),
                ycb("orange", 73, 73, Shape.DISC, 0xf28a1c, 0xc5650d),
                ycb("plum", 52, 52, Shape.DISC, 0x5b1f4f, 0x8a3d7a),
                ycb("bleach cleanser", 98, 65, Shape.OVAL, 0xf3f3f3, 0x2a72c8),
                ycb("bowl", 159, 159, Shape.RING, 0xc63b3b, 0x8c1f1f),
                ycb("mug", 117, 93, Shape.RING, 0xb02020, 0xe8e0d0),
                ycb("sponge", 114, 72, Shape.BOX, 0x9bd03c, 0xf2d53f),
                ycb("power drill", 184, 57, Shape.BAR, 0x1f8f5a, 0x222222),
                ycb("wood block", 85, 85, Shape.SQUARE, 0xc9a26b, 0x8e6b3a),
                ycb("scissors", 200, 87, Shape.BAR, 0x2161b5, 0xc0c0c0),
                ycb("large marker", 121, 18, Shape.BAR, 0x222222, 0xe3e3e3),
                ycb("large clamp", 213, 165, Shape.OVAL, 0x1c1c1c, 0xe07a1f),
                ycb("foam brick", 75, 50, Shape.BOX, 0xd0332f, 0xf08a84),
                ycb("mini soccer ball", 140, 140, Shape.DISC, 0xf5f5f5, 0x111111),
                ycb("softball", 96, 96, Shape.DISC, 0xeff28a, 0xc23b2b),
                ycb("baseball", 75, 75, Shape.DISC, 0xf4efe4, 0xc8203a),
                ycb("tennis ball", 65, 65, Shape.DISC, 0xc7e13a, 0xf8f8f0),
                ycb("rubiks cube", 57, 57, Shape.SQUARE, 0x1c4fbf, 0xf5c518));
    }

    /** Toy blocks (squares) and cylinders (discs with a darker core) in six colours. */
    static List<CatalogueEntry> toys() {
        String[] colours = {"red", "green", "blue", "yellow", "orange", "purple"};
        int[] rgb = {0xe0281e, 0x1e9e3c, 0x1e50dc, 0xf0d21e, 0xf5821e, 0x8c32b4};
        var toys = new ArrayList<CatalogueEntry>();
        for (int i = 0; i < colours.length; i++) {
            toys.add(new CatalogueEntry(colours[i] + " block", 0.04, Shape.SQUARE, rgb[i], darker(rgb[i])));
            toys.add(new CatalogueEntry(colours[i] + " cylinder", 0.035, Shape.DISC, rgb[i], darker(rgb[i])));
        }
        return toys;
    }

    private static CatalogueEntry ycb(String name, double longMm, double shortMm, Shape shape, int colour, int mark) {
        double radius = Math.max(MIN_RADIUS, 0.5 * Math.sqrt(longMm * shortMm) / WORKSPACE_MM);
        return new CatalogueEntry(name, radius, shape, colour, mark);
    }

    private static int darker(int rgb) {
        int r = (rgb >> 16 & 0xff) * 6 / 10;
        int g = (rgb >> 8 & 0xff) * 6 / 10;
        int b = (rgb & 0xff) * 6 / 10;
        return r << 16 | g << 8 | b;
    }
}
