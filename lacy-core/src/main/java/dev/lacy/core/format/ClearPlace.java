package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.Footprints;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds an L2A completion's place point clear of what its own grounding sentence lists, and where its own line says. A
 * small model writes the cell's center, or the point along a direction, where another object already stands, or where
 * the object would hang over the table's edge: the action reads right and the arm cannot place it; now and then it
 * writes a point just outside the direction its line names. Where the referents line's place point is not clear
 * ({@link SpatialDescriber#isClear}) of the objects the sentence lists, each with its footprint from {@link
 * Footprints}, or not in the line's own cell, or not in its direction from the reference's listed center within {@code
 * d_rel} (3 degrees inside the sector and 0.01 inside {@code d_rel}: a listed center is a few thousandths off), it is
 * moved to the point L2A is taught for the line's own placement in that scene ({@link
 * SpatialDescriber#canonicalCellPlace} for a cell, {@link SpatialDescriber#canonicalPlace} for a direction, or where
 * that has no room the clear point of the direction's sector nearest the written one), in the referents line and in the
 * answer line's restatement. Only the model's own text is read, with the footprints: the target is the listed object
 * under the line's pick point, the cell or direction and the reference are the line's words; a sentence that lists a
 * name at two centers or one the footprints do not know, a line that does not read, or a scene with no clear point for
 * that placement is left as the model wrote it (docs/formats.md, "Clear place points").
 * Immutable and thread-safe.
 */
public final class ClearPlace {

    private static final String POINT = Coordinates.POINT_TEXT;
    /** The referents line: the reference and its center (a direction only), the placement's words and point, the pick point. */
    private static final Pattern LINE = Pattern.compile("(?:The (.+?) is at " + POINT + "\\. )?"
            + "The place is (to its|in the) ([^.]+?) at (" + POINT + ")\\. [^.]+? at (" + POINT + ")\\.");
    private static final Pattern ANSWER_PLACE = Pattern.compile("(<place>\\s+at\\s+)(" + POINT + ")");

    private final Footprints footprints;
    private final SpatialDescriber describer;
    private final GroundingFormat grounding = new GroundingFormat();

    public ClearPlace(Footprints footprints, SpatialThresholds thresholds) {
        if (footprints == null || thresholds == null) {
            throw new IllegalArgumentException("a clear place needs footprints and thresholds");
        }
        this.footprints = footprints;
        this.describer = new SpatialDescriber(thresholds);
    }

    /**
     * {@code completion} (an L2A chain of thought from its grounding sentence on: the sentence, the referents line and
     * the answer line) with its place point moved, as above; empty where the point is clear and where its line says
     * already, or where nothing can be held.
     */
    public Optional<String> held(String completion) {
        List<String> lines = Arrays.asList(completion.split("\n", -1));
        if (lines.size() < 3) {
            return Optional.empty();
        }
        Optional<Scene> scene = listed(lines.get(0));
        String written = lines.get(1);
        String stripped = written.strip();
        Matcher line = LINE.matcher(stripped);
        if (scene.isEmpty() || !line.matches()) {
            return Optional.empty();
        }
        Parsed<Point> place = Coordinates.parse(line.group(4));
        Parsed<Point> pick = Coordinates.parse(line.group(5));
        if (!place.isOk() || !pick.isOk()) {
            return Optional.empty();
        }
        Optional<SceneObject> target = scene.get().selectedBy(pick.orElseThrow());
        Optional<Placement> placement = target.flatMap(
                t -> placement(line.group(1), line.group(2), line.group(3), scene.get(), t));
        if (placement.isEmpty() || (describer.isClear(scene.get(), target.get(), place.orElseThrow())
                && says(placement.get(), scene.get(), place.orElseThrow()))) {
            return Optional.empty();
        }
        Optional<Point> clear = placement
                .flatMap(p -> p instanceof Placement.Absolute absolute
                        ? describer.canonicalCellPlace(scene.get(), target.get(), absolute.cell())
                        : describer.canonicalPlace(scene.get(), target.get(), (Placement.Relative) p)
                                .or(() -> nearestInSector(scene.get(), target.get(), (Placement.Relative) p,
                                        place.orElseThrow())));
        if (clear.isEmpty()) {
            return Optional.empty();
        }
        String at = clear.get().format();
        int offset = written.indexOf(stripped);
        var held = new ArrayList<>(lines);
        held.set(1, written.substring(0, offset + line.start(4)) + at + written.substring(offset + line.end(4)));
        Matcher answer = ANSWER_PLACE.matcher(lines.get(2));
        if (answer.find() && answer.group(2).equals(line.group(4))) {
            held.set(2, lines.get(2).substring(0, answer.start(2)) + at + lines.get(2).substring(answer.end(2)));
        }
        return Optional.of(String.join("\n", held));
    }

    /**
     * How far inside its direction's sector (degrees) and inside {@code d_rel} (workspace units) a relative point must
     * lie to count as where its line says: a grounding sentence places centers a few thousandths off, enough to put a
     * point on a sector's edge on the other side of it.
     */
    static final double SECTOR_MARGIN = 3;
    static final double DISTANCE_MARGIN = 0.01;

    /**
     * True where {@code place} is where the line's own words put it: in its cell, or in its direction from the
     * reference's listed center and within {@code d_rel} of its footprint, by the margins above.
     */
    private boolean says(Placement placement, Scene scene, Point place) {
        if (placement instanceof Placement.Absolute absolute) {
            return GridCell.of(place) == absolute.cell();
        }
        var relative = (Placement.Relative) placement;
        SceneObject reference = scene.find(relative.reference()).orElseThrow();
        double degrees = Math.toDegrees(Math.atan2(place.y() - reference.center().y(), place.x() - reference.center().x()));
        double off = Math.abs(((degrees - relative.direction().degrees()) % 360 + 540) % 360 - 180);
        return off <= 22.5 - SECTOR_MARGIN
                && reference.contourDistance(place) <= describer.thresholds().relative() - DISTANCE_MARGIN;
    }

    /** How far from the written point, and in what steps, {@link #nearestInSector} looks. */
    private static final double SEARCH = 0.3;
    private static final double STEP = 0.01;

    /**
     * Where the taught point along the direction's central angle has no room (over the table's edge, past another object
     * within {@code d_rel}): the point nearest {@code written}, on a 0.01 lattice around it, that the placement allows
     * anywhere in the direction's sector, as a demonstrator's may lie: clear and where the line says ({@link #says}).
     */
    private Optional<Point> nearestInSector(Scene scene, SceneObject target, Placement.Relative placement, Point written) {
        int steps = (int) Math.round(SEARCH / STEP);
        return SpatialDescriber.nearestOnLattice(written, STEP, steps, steps,
                place -> says(placement, scene, place) && describer.isClear(scene, target, place));
    }

    /**
     * The scene the sentence lists, every object with its footprint (an entry repeated with the same center, one object);
     * empty where a name is listed at two centers, or unknown.
     */
    private Optional<Scene> listed(String sentence) {
        Parsed<List<GroundedObject>> objects = grounding.parseListed(sentence);
        if (!objects.isOk()) {
            return Optional.empty();
        }
        var names = new HashSet<String>();
        var scene = new ArrayList<SceneObject>();
        var entries = new HashSet<GroundedObject>();
        for (GroundedObject object : objects.orElseThrow()) {
            OptionalDouble radius = footprints.radius(object.name());
            if (!entries.add(object)) {
                continue; // an entry repeated word for word is one object
            }
            if (!names.add(object.name()) || radius.isEmpty()) {
                return Optional.empty();
            }
            scene.add(new SceneObject(object.name(), object.center(), radius.getAsDouble()));
        }
        return Optional.of(new Scene(scene));
    }

    /**
     * The line's placement: a cell by its words, or a direction by its words from a reference the sentence lists other
     * than the target.
     */
    private static Optional<Placement> placement(String reference, String kind, String words, Scene scene,
                                                 SceneObject target) {
        if (kind.equals("in the")) {
            return Arrays.stream(GridCell.values()).filter(c -> c.phrase().equals(words)).findFirst()
                    .map(Placement.Absolute::new);
        }
        if (reference == null || reference.equals(target.name()) || scene.find(reference).isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(Direction.values()).filter(d -> d.phrase().equals(words)).findFirst()
                .map(d -> new Placement.Relative(d, reference));
    }
}
