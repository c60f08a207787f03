package dev.lacy.core.spatial;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Describes where an action places its object, as the paper's section III-C prescribes: relative
 * to the nearest other object when the place point is near it, absolute on the 3x3 grid when it is
 * far, and a seeded random choice where both are allowed, which balances the two kinds.
 */
public final class SpatialDescriber {

    private final SpatialThresholds thresholds;

    public SpatialDescriber(SpatialThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds are required");
        }
        this.thresholds = thresholds;
    }

    public SpatialThresholds thresholds() {
        return thresholds;
    }

    /** The object the action picks, or an exception naming the empty pick point. */
    public SceneObject pickedObject(Scene scene, PickPlaceAction action) {
        return scene.selectedBy(action.pick()).orElseThrow(() -> new IllegalArgumentException(
                "pick point " + action.pick().format() + " lies on no object of the scene"));
    }

    /**
     * Every placement the rule allows for this action: one or two, the relative one first when
     * both are allowed.
     */
    public List<Placement> allowedPlacements(Scene scene, PickPlaceAction action) {
        SceneObject picked = pickedObject(scene, action);
        Optional<SceneObject> nearest = scene.nearestContourTo(action.place(), picked.name());
        var allowed = new ArrayList<Placement>(2);
        double distance = nearest.map(o -> o.contourDistance(action.place())).orElse(Double.POSITIVE_INFINITY);
        if (nearest.isPresent() && thresholds.allowsRelative(distance)) {
            SceneObject reference = nearest.get();
            allowed.add(new Placement.Relative(Direction.from(reference.center(), action.place()), reference.name()));
        }
        if (thresholds.allowsAbsolute(distance)) {
            allowed.add(new Placement.Absolute(GridCell.of(action.place())));
        }
        return List.copyOf(allowed);
    }

    /**
     * The one description a model is taught to give for the action (A2L's training target): the
     * absolute placement where the rule allows it, the relative one only where the place point is
     * too near another object for an absolute one. Both are correct where both are allowed; one
     * fixed choice makes the target a function of the scene and the action (docs/experiments/2026-11-trainer-design.md).
     */
    public Instruction canonical(Scene scene, PickPlaceAction action) {
        List<Placement> allowed = allowedPlacements(scene, action);
        return new Instruction(pickedObject(scene, action).name(), allowed.get(allowed.size() - 1));
    }

    /** Center distance of a canonical relative place point from its reference, unless the footprints need more. */
    static final double CANONICAL_DISTANCE = 0.2;
    /** How far a canonical place point moves out at a time, and the clearance it keeps from every footprint. */
    static final double CANONICAL_STEP = 0.02;
    /** How many steps out a canonical place point may move. */
    static final int CANONICAL_STEPS = 10;
    /** The margin an ideal place point keeps from the workspace's edges. */
    static final double EDGE = 0.02;

    /**
     * The place point a model is taught for a relative placement of {@code target} (L2A's training
     * target): from the reference's center along the direction's central angle, 0.2 away or just clear
     * of both footprints where they are larger ({@link #idealPlace}), then further out, 0.02 at a time up to
     * ten times, until the point is inside the workspace, clear of every other object, and within {@code d_rel} of
     * the reference's contour. A demonstrator draws any angle of the sector and any distance up to
     * {@code d_rel}, all correct; one fixed point makes the target a function of the reference and the
     * direction (docs/experiments/2026-11-trainer-design.md). Empty when no such point exists.
     */
    public Optional<Point> canonicalPlace(Scene scene, SceneObject target, Placement.Relative placement) {
        SceneObject reference = reference(scene, placement);
        double r = target.radius();
        double start = startDistance(reference, target);
        for (int step = 0; step < CANONICAL_STEPS; step++) {
            Optional<Point> along = along(reference, placement.direction(), start + step * CANONICAL_STEP, r);
            if (along.isEmpty()) {
                return Optional.empty();
            }
            Point place = along.get();
            if (clearOfOthers(scene, target, place) && Direction.from(reference.center(), place) == placement.direction()
                    && reference.contourDistance(place) <= thresholds.relative()) {
                return Optional.of(place);
            }
        }
        return Optional.empty();
    }

    /**
     * The action L2A is taught for {@code instruction}: {@code action} with its place point made canonical,
     * {@link #canonicalPlace} for a relative placement and {@link #canonicalCellPlace} for an absolute one, where
     * the scene has room for it; otherwise {@code action} itself.
     */
    public PickPlaceAction canonicalAction(Scene scene, Instruction instruction, PickPlaceAction action) {
        SceneObject target = pickedObject(scene, action);
        Optional<Point> place = instruction.placement() instanceof Placement.Relative relative
                ? canonicalPlace(scene, target, relative)
                : canonicalCellPlace(scene, target, ((Placement.Absolute) instruction.placement()).cell());
        return place.map(p -> new PickPlaceAction(action.pick(), p)).orElse(action);
    }

    /**
     * The place point a model is taught for an absolute placement of {@code target} in {@code cell} (L2A's
     * training target): the cell's center where the object fits there, otherwise the point nearest the center, on a
     * 0.01 lattice around it, where it does: inside the cell, on the table ({@code target}'s radius from every
     * edge) and clear of every other object by {@link #CANONICAL_STEP} / 2, as {@link #canonicalPlace} keeps
     * a relative one. A demonstrator draws any free point of the cell, all correct; one fixed point makes
     * the target a function of the scene and the cell, and the center keeps it far from the cell's
     * edges and from the table's (docs/experiments/2026-12-04-stronger-model.md). Empty when no lattice point fits.
     */
    public Optional<Point> canonicalCellPlace(Scene scene, SceneObject target, GridCell cell) {
        return nearestOnLattice(cell.center(), CELL_LATTICE_STEP, CELL_LATTICE, Double.POSITIVE_INFINITY,
                place -> isClear(scene, target, place) && GridCell.of(place) == cell);
    }

    /**
     * The point nearest {@code around} on the lattice of {@code step} around it, at most {@code steps} steps along each
     * axis and {@code maxSteps} steps away, inside the unit square, that {@code allowed} accepts; of equally near ones, the
     * first by x, then y. Empty where none is.
     */
    public static Optional<Point> nearestOnLattice(Point around, double step, int steps, double maxSteps,
                                                   java.util.function.Predicate<Point> allowed) {
        Point best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = -steps; i <= steps; i++) {
            for (int j = -steps; j <= steps; j++) {
                double x = around.x() + i * step;
                double y = around.y() + j * step;
                double distance = Math.hypot(i, j);
                if (distance >= bestDistance || distance > maxSteps || !Point.inUnitSquare(x, y)) {
                    continue;
                }
                Point place = new Point(x, y);
                if (allowed.test(place)) {
                    best = place;
                    bestDistance = distance;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * True when {@code target} placed at {@code place} stands where a taught place point may: its footprint on the table
     * and {@link #CANONICAL_STEP} / 2 clear of every other object's, as {@link #canonicalCellPlace} and {@link
     * #canonicalPlace} keep theirs.
     */
    public boolean isClear(Scene scene, SceneObject target, Point place) {
        double r = target.radius();
        return place.x() >= r && place.x() <= 1 - r && place.y() >= r && place.y() <= 1 - r
                && clearOfOthers(scene, target, place);
    }

    /** True when {@code target}'s footprint at {@code place} keeps {@link #CANONICAL_STEP} / 2 from every other object's. */
    private static boolean clearOfOthers(Scene scene, SceneObject target, Point place) {
        return scene.objects().stream()
                .filter(o -> !o.equals(target))
                .allMatch(o -> o.center().distanceTo(place) >= o.radius() + target.radius() + CANONICAL_STEP / 2);
    }

    /** The lattice {@link #canonicalCellPlace} searches: this many steps of {@link #CELL_LATTICE_STEP} each way from the center. */
    static final int CELL_LATTICE = 16;
    static final double CELL_LATTICE_STEP = 0.01;

    /**
     * Where {@link #canonicalPlace} starts: along the direction's central angle from the reference's
     * center, 0.2 away or just clear of both footprints where they are larger, whatever else lies there.
     * The instruction captions of base pretraining write it (a caption is read, never executed). Empty
     * outside the square [0.02, 0.98].
     */
    public Optional<Point> idealPlace(Scene scene, SceneObject target, Placement.Relative placement) {
        SceneObject reference = reference(scene, placement);
        return along(reference, placement.direction(), startDistance(reference, target), EDGE);
    }

    /** The point {@code distance} from the reference's center along the direction's central angle, if at least {@code margin} inside the workspace. */
    private static Optional<Point> along(SceneObject reference, Direction direction, double distance, double margin) {
        double angle = Math.toRadians(direction.degrees());
        double x = reference.center().x() + distance * Math.cos(angle);
        double y = reference.center().y() + distance * Math.sin(angle);
        return x < margin || x > 1 - margin || y < margin || y > 1 - margin ? Optional.empty() : Optional.of(new Point(x, y));
    }

    private static double startDistance(SceneObject reference, SceneObject target) {
        return Math.max(CANONICAL_DISTANCE, reference.radius() + target.radius() + CANONICAL_STEP);
    }

    private static SceneObject reference(Scene scene, Placement.Relative placement) {
        return scene.find(placement.reference()).orElseThrow(() -> new IllegalArgumentException(
                "the placement names '" + placement.reference() + "', which is not in the scene " + scene.names()));
    }

    /** The instruction that describes the action, choosing at random where both kinds are allowed. */
    public Instruction describe(Scene scene, PickPlaceAction action, RandomGenerator random) {
        List<Placement> allowed = allowedPlacements(scene, action);
        Placement placement = allowed.size() == 1 ? allowed.get(0) : allowed.get(random.nextInt(allowed.size()));
        return new Instruction(pickedObject(scene, action).name(), placement);
    }
}
