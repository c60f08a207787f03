package dev.lacy.core.format;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;

/**
 * The referents line of the L2A chain of thought, between the grounding sentence and the answer:
 * the instruction's placement, with the reference's center for a relative one, then its target,
 * {@code The place is to the left of the mug at (0.700,0.500). Pick the lemon.} or
 * {@code The place is in the middle right of the workspace. Pick the lemon.} The target comes last
 * so that its name is among the last words before the pick point (docs/formats.md).
 */
public final class ReferentsFormat {

    /** The line for {@code instruction} in {@code scene}; an object the scene lacks is an error naming it. */
    public String write(Scene scene, Instruction instruction) {
        return write(scene, instruction, null);
    }

    /**
     * The line of an L2A completion: as {@link #write(Scene, Instruction)}, with the place point
     * after the placement ("..., at (0.612,0.503). Pick the lemon."), where the placement's words are
     * among the last before it.
     */
    public String write(Scene scene, Instruction instruction, Point placePoint) {
        find(scene, instruction.target());
        String place;
        if (instruction.placement() instanceof Placement.Relative relative) {
            place = "to the " + relative.direction().phrase() + " of the " + relative.reference() + " at "
                    + find(scene, relative.reference()).center().format();
        } else {
            place = "in the " + ((Placement.Absolute) instruction.placement()).cell().phrase() + " of the workspace";
        }
        String at = placePoint == null ? "" : ", at " + placePoint.format();
        return "The place is " + place + at + ". Pick the " + instruction.target() + ".";
    }

    private static SceneObject find(Scene scene, String name) {
        return scene.find(name).orElseThrow(() -> new IllegalArgumentException(
                "the instruction names '" + name + "', which is not in the scene " + scene.names()));
    }
}
