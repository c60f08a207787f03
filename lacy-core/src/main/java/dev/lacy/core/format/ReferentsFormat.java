package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The referents line of the L2A chain of thought, between the grounding sentence and the answer:
 * the reference's center for a relative placement, the placement (with the place point), then the
 * target (with the pick point in an L2A completion):
 * {@code The mug is at (0.700,0.500). The place is to its left at (0.612,0.503). Pick the lemon at (0.513,0.512).} or
 * {@code The place is in the middle right at (0.773,0.531). Pick the lemon at (0.513,0.512).} Every number follows
 * the words it depends on within a few tokens (docs/formats.md).
 */
public final class ReferentsFormat {

    private static final String POINT = Coordinates.POINT_TEXT;
    private static final Pattern LINE = Pattern.compile("(?:The [^.]+? is at " + POINT + "\\. )?The place is (?:to its|in the) [^.]+? at ("
            + POINT + ")\\. [^.]+? at (" + POINT + ")\\.");
    private static final Pattern PLACE = Pattern.compile("(The place is (?:to its|in the) [^.]+?) at (" + POINT + ")\\.");

    /** The line for {@code instruction} in {@code scene}; an object the scene lacks is an error naming it. */
    public String write(Scene scene, Instruction instruction) {
        return write(scene, instruction, null);
    }

    /**
     * The line of the instruction captions of pretraining: as {@link #write(Scene, Instruction)}, with
     * the place point right after the placement's words ("... to its left at (0.612,0.503). Pick the
     * lemon."); {@code null} leaves it out.
     */
    public String write(Scene scene, Instruction instruction, Point placePoint) {
        return write(scene, instruction, placePoint, null);
    }

    /**
     * The line of an L2A completion: as {@link #write(Scene, Instruction, Point)}, with the pick point
     * right after the target's name ("... Pick the lemon at (0.513,0.512)."), where the answer line's
     * pick point finds it a few tokens later; {@code null} leaves it out.
     */
    public String write(Scene scene, Instruction instruction, Point placePoint, Point pickPoint) {
        return write(scene, instruction, "Pick the " + instruction.target(), placePoint, pickPoint);
    }

    /**
     * As {@link #write(Scene, Instruction, Point, Point)}, with {@code pickPhrase} (the instruction's own words from its
     * pick verb to its target, {@link dev.lacy.core.language.InstructionParser#pickPhrase(String, Instruction)}) in place
     * of {@code Pick the lemon}: {@code ... Grab the lemon at (0.513,0.512).} A base pretrained on such lines copies
     * the instruction's words into its reasoning as the L2C comparison line copies them (docs/formats.md).
     */
    public String write(Scene scene, Instruction instruction, String pickPhrase, Point placePoint, Point pickPoint) {
        find(scene, instruction.target());
        String at = placePoint == null ? "" : " at " + placePoint.format();
        String line;
        if (instruction.placement() instanceof Placement.Relative relative) {
            line = "The " + relative.reference() + " is at " + find(scene, relative.reference()).center().format()
                    + ". The place is to its " + relative.direction().phrase() + at + ".";
        } else {
            line = "The place is in the " + ((Placement.Absolute) instruction.placement()).cell().phrase() + at + ".";
        }
        return line + " " + pickPhrase + (pickPoint == null ? "" : " at " + pickPoint.format()) + ".";
    }

    /**
     * The place point of a referents line, with a pick point after it or without (the instruction captions' line has
     * none); empty where the line has no place point, or one outside the unit square.
     */
    public Optional<Point> placePoint(String line) {
        Matcher m = PLACE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        Parsed<Point> place = Coordinates.parse(m.group(2));
        return place.isOk() ? Optional.of(place.orElseThrow()) : Optional.empty();
    }

    /**
     * The line without its place point ("The place is to its left at (0.612,0.503). Pick the lemon." to "The place is
     * to its left. Pick the lemon."); a line without one is returned as it is.
     */
    public String withoutPlacePoint(String line) {
        return PLACE.matcher(line).replaceFirst("$1.");
    }

    /**
     * The place point and the pick point of a referents line as an L2A completion has it ({@link #write(Scene,
     * Instruction, Point, Point)}), as an action; a failure saying what is missing where the line is not such a line.
     */
    public Parsed<PickPlaceAction> points(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Parsed.failure("'" + GroundingFormat.abbreviate(line.strip())
                    + "' is not a referents line with a place point and a pick point");
        }
        return Coordinates.action(m.group(2), m.group(1), "the referents line's ");
    }

    private static SceneObject find(Scene scene, String name) {
        return scene.find(name).orElseThrow(() -> new IllegalArgumentException(
                "the instruction names '" + name + "', which is not in the scene " + scene.names()));
    }
}
