package dev.lacy.core.judge;

import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Second instructions for L2C: for a known scene and action, a phrasing consistent with it
 * (another valid description, absolute against relative where both are allowed) and one
 * inconsistent with it (another object, cell or direction). The judge decides which is which, so
 * the labels are the same ground truth as every other metric.
 */
public final class ConsistencyPairs {

    private final SpatialDescriber describer;
    private final ActionJudge judge;
    private final InstructionTemplates templates;

    public ConsistencyPairs(SpatialDescriber describer, ActionJudge judge, InstructionTemplates templates) {
        this.describer = describer;
        this.judge = judge;
        this.templates = templates;
    }

    /** A phrasing, different from {@code instruction}, that the judge accepts for the action. */
    public String consistentWith(Scene scene, PickPlaceAction action, String instruction, RandomGenerator random) {
        String target = describer.pickedObject(scene, action).name();
        List<Placement> allowed = describer.allowedPlacements(scene, action);
        var candidates = new ArrayList<String>();
        for (Placement placement : allowed) {
            for (String text : templates.variants(new Instruction(target, placement))) {
                if (!text.equalsIgnoreCase(instruction.strip()) && judge.judge(scene, text, action).success()) {
                    candidates.add(text);
                }
            }
        }
        return pick(candidates, random, "no consistent rephrasing exists for " + instruction);
    }

    /** An instruction that the judge rejects for the action: another object, cell or direction. */
    public String inconsistentWith(Scene scene, PickPlaceAction action, RandomGenerator random) {
        SceneObject picked = describer.pickedObject(scene, action);
        Placement placement = describer.allowedPlacements(scene, action).get(0);
        var wrong = new ArrayList<Instruction>();
        for (SceneObject other : scene.objects()) {
            boolean referencesOther = placement instanceof Placement.Relative r && r.reference().equals(other.name());
            if (!other.name().equals(picked.name()) && !referencesOther) {
                wrong.add(new Instruction(other.name(), placement));
            }
        }
        if (placement instanceof Placement.Absolute absolute) {
            for (GridCell cell : GridCell.values()) {
                if (cell != absolute.cell()) {
                    wrong.add(new Instruction(picked.name(), new Placement.Absolute(cell)));
                }
            }
        } else {
            var relative = (Placement.Relative) placement;
            for (Direction direction : Direction.values()) {
                if (direction != relative.direction()) {
                    wrong.add(new Instruction(picked.name(), new Placement.Relative(direction, relative.reference())));
                }
            }
        }
        List<String> rejected = wrong.stream()
                .map(i -> templates.render(i, random))
                .filter(text -> !judge.judge(scene, text, action).success())
                .toList();
        return pick(rejected, random, "no inconsistent instruction exists for this action");
    }

    private static String pick(List<String> candidates, RandomGenerator random, String whenEmpty) {
        if (candidates.isEmpty()) {
            throw new IllegalStateException(whenEmpty);
        }
        return candidates.get(random.nextInt(candidates.size()));
    }
}
