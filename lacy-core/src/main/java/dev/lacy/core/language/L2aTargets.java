package dev.lacy.core.language;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialDescriber;

/**
 * What L2A is taught for a demonstration, by the trainer and by {@code ./lacy export} alike: the
 * demonstrated action, with a relative instruction's place point made canonical
 * ({@link SpatialDescriber#canonicalAction}; docs/trainer.md, "L2A's relative place point").
 */
public final class L2aTargets {

    private static final InstructionParser PARSER = new InstructionParser();

    private L2aTargets() {
    }

    /**
     * The action to train toward for {@code instruction} in {@code scene}; an instruction that does not
     * parse keeps {@code action} as demonstrated. A pick point on no object, or a reference the scene
     * lacks, is an error naming the instruction.
     */
    public static PickPlaceAction action(SpatialDescriber describer, Scene scene, String instruction, PickPlaceAction action) {
        Parsed<dev.lacy.core.spatial.Instruction> parsed = PARSER.parse(instruction);
        if (!parsed.isOk()) {
            return action;
        }
        try {
            return describer.canonicalAction(scene, parsed.orElseThrow(), action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot teach L2A the demonstration of '" + instruction + "': "
                    + e.getMessage(), e);
        }
    }
}
