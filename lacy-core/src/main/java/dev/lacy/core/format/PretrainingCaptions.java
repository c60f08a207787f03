package dev.lacy.core.format;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grounded captions of base pretraining (docs/trainer.md), and how to read a model's answer to
 * them back, so that an evaluation asks exactly what pretraining taught: "Where is the lemon?"
 * answered with the grounding sentence then "The lemon is at (0.493,0.522), in the center of
 * the workspace, to the left of the mug.", "What is at (0.493,0.522)?"
 * answered with the grounding sentence then "The lemon.", and "What does the instruction "..." ask
 * for?" answered with the grounding sentence then the instruction's referents line with a place point.
 */
public final class PretrainingCaptions {

    private static final Pattern POINT = Pattern.compile("is at \\((\\d\\.\\d{3}),(\\d\\.\\d{3})\\)");

    private PretrainingCaptions() {
    }

    public static String wherePrompt(String name) {
        return LacyPromptFormat.IMAGE + "\nWhere is the " + name + "?\n";
    }

    /** "What does the instruction "Pick the lemon and place it ..." ask for?" */
    public static String askPrompt(String instruction) {
        return LacyPromptFormat.IMAGE + "\nWhat does the instruction \"" + instruction + "\" ask for?\n";
    }

    /**
     * A random instruction about the scene (a target, and a cell or a direction from another
     * object), rendered with a random template, for the "What does the instruction ask for?"
     * caption: its answer is the L2A referents line, so that the base learns to carry the
     * instruction's words into its own text (a pretrained VLM's language model brings that).
     */
    public static Instruction randomInstruction(Scene scene, RandomGenerator random) {
        var objects = new ArrayList<>(scene.objects());
        SceneObject target = objects.remove(random.nextInt(objects.size()));
        if (objects.isEmpty() || random.nextBoolean()) {
            GridCell[] cells = GridCell.values();
            return new Instruction(target.name(), new Placement.Absolute(cells[random.nextInt(cells.length)]));
        }
        return relativeTo(target, objects, random);
    }

    /**
     * A random instruction that places one object relative to another (empty with fewer than two
     * objects), for the second "What does the instruction ask for?" caption: the relative place point
     * is the computation L2A's referents line gets wrong most (docs/experiments/2026-11-trainer-design.md, "A second instruction
     * caption, always relative").
     */
    public static Optional<Instruction> randomRelativeInstruction(Scene scene, RandomGenerator random) {
        if (scene.objects().size() < 2) {
            return Optional.empty();
        }
        var objects = new ArrayList<>(scene.objects());
        SceneObject target = objects.remove(random.nextInt(objects.size()));
        return Optional.of(relativeTo(target, objects, random));
    }

    private static Instruction relativeTo(SceneObject target, List<SceneObject> others, RandomGenerator random) {
        Direction[] directions = Direction.values();
        return new Instruction(target.name(), new Placement.Relative(directions[random.nextInt(directions.length)],
                others.get(random.nextInt(others.size())).name()));
    }

    /**
     * The place point of the "What does the instruction ask for?" caption: a random point of the cell
     * (away from its borders by a tenth of the cell), or the relative placement's ideal point
     * ({@link SpatialDescriber#idealPlace}), the one L2A is taught to give; empty where that point
     * would lie at the workspace's edge (the line then has no point).
     */
    public static Optional<Point> placeOf(Scene scene, Instruction asked, SpatialDescriber describer, RandomGenerator random) {
        if (asked.placement() instanceof Placement.Absolute absolute) {
            double x = (absolute.cell().column() + 0.1 + 0.8 * random.nextDouble()) / 3;
            double y = (absolute.cell().row() + 0.1 + 0.8 * random.nextDouble()) / 3;
            return Optional.of(new Point(x, y));
        }
        return describer.idealPlace(scene, target(scene, asked), (Placement.Relative) asked.placement());
    }

    /**
     * The place point of the "What does the instruction ask for?" caption of a base pretrained with {@link
     * PromptFormat#pickPhrases()}: the one L2A is taught to give ({@link SpatialDescriber#canonicalCellPlace}, the
     * cell's center where the target fits there; {@link SpatialDescriber#canonicalPlace}, moved out past what stands at
     * the ideal point), so that pretraining shows a place point move where the obvious one is taken; where the scene
     * has no room for it, the cell's center or the ideal relative point ({@link SpatialDescriber#idealPlace}), empty
     * where that lies at the workspace's edge.
     */
    public static Optional<Point> taughtPlaceOf(Scene scene, Instruction asked, SpatialDescriber describer) {
        SceneObject target = target(scene, asked);
        if (asked.placement() instanceof Placement.Absolute absolute) {
            return describer.canonicalCellPlace(scene, target, absolute.cell()).or(() -> Optional.of(absolute.cell().center()));
        }
        var relative = (Placement.Relative) asked.placement();
        return describer.canonicalPlace(scene, target, relative).or(() -> describer.idealPlace(scene, target, relative));
    }

    private static SceneObject target(Scene scene, Instruction asked) {
        return scene.find(asked.target()).orElseThrow(() -> new IllegalArgumentException(
                "the instruction names '" + asked.target() + "', which is not in the scene " + scene.names()));
    }

    public static String whatPrompt(Point point) {
        return LacyPromptFormat.IMAGE + "\nWhat is at " + point.format() + "?\n";
    }

    /** The answer to "What is at (x,y)?" about {@code object}. */
    public static String whatAnswer(SceneObject object) {
        return "The " + object.name() + ".";
    }

    /** "The lemon is at (0.493,0.522), in the center of the workspace, to the left of the mug." */
    public static String whereAnswer(Scene scene, SceneObject object) {
        var text = new StringBuilder("The ").append(object.name()).append(" is at ").append(object.center().format())
                .append(", in the ").append(GridCell.of(object.center()).phrase()).append(" of the workspace");
        Optional<SceneObject> nearest = scene.nearestContourTo(object.center(), object.name());
        nearest.ifPresent(other -> text.append(", to the ").append(Direction.from(other.center(), object.center()).phrase())
                .append(" of the ").append(other.name()));
        return text.append('.').toString();
    }

    /** The point a model's completion gives after its grounding sentence ("... is at (x,y)"), if any. */
    public static Optional<Point> pointIn(String completion) {
        String answer = completion.substring(completion.lastIndexOf('\n') + 1);
        Matcher m = POINT.matcher(answer);
        if (!m.find()) {
            return Optional.empty();
        }
        double x = Double.parseDouble(m.group(1));
        double y = Double.parseDouble(m.group(2));
        return Point.inUnitSquare(x, y) ? Optional.of(new Point(x, y)) : Optional.empty();
    }
}
