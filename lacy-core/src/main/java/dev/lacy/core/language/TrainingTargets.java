package dev.lacy.core.language;


import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.SpatialDescriber;

/**
 * What L2A and A2L are taught for a demonstration, by the trainer and by {@code ./lacy export} alike
 * (docs/experiments/2026-11-trainer-design.md, "A2L's target" and "L2A's relative place point"): L2A the demonstrated action with a
 * relative instruction's place point made canonical, A2L the action's canonical description. Both
 * need the object the action picks; a demonstration whose pick point lies on no object of its scene
 * (a triplet that Algorithm 1 accepted from the model's own actions can) is taught as it is: its
 * action for L2A, its instruction for A2L.
 */
public final class TrainingTargets {

    private static final InstructionParser PARSER = new InstructionParser();

    private TrainingTargets() {
    }

    /**
     * The action L2A is trained toward for {@code instruction} in {@code scene}: {@code action} as given
     * when the instruction does not parse or the pick point lies on no object, otherwise
     * {@link SpatialDescriber#canonicalAction}. A reference the scene lacks is an error naming the instruction.
     */
    public static PickPlaceAction l2aAction(SpatialDescriber describer, Scene scene, String instruction, PickPlaceAction action) {
        Parsed<Instruction> parsed = PARSER.parse(instruction);
        if (!parsed.isOk() || scene.selectedBy(action.pick()).isEmpty()) {
            return action;
        }
        try {
            return describer.canonicalAction(scene, parsed.orElseThrow(), action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot teach L2A the demonstration of '" + instruction + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * The description A2L is trained toward for {@code action}: its canonical description
     * ({@link SpatialDescriber#canonical}, in the first template), or {@code instruction} as given when
     * the pick point lies on no object of the scene.
     */
    public static String a2lDescription(SpatialDescriber describer, InstructionTemplates templates, Scene scene,
                                        String instruction, PickPlaceAction action) {
        if (scene.selectedBy(action.pick()).isEmpty()) {
            return instruction.strip();
        }
        return templates.canonical(describer.canonical(scene, action));
    }
}
