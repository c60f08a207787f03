package dev.lacy.core.spatial;

import dev.lacy.core.scene.ObjectName;

/** The meaning of a pick-and-place instruction: which object to pick and where to place it. */
public record Instruction(String target, Placement placement) {

    public Instruction {
        ObjectName.require(target);
        if (placement == null) {
            throw new IllegalArgumentException("an instruction needs a placement");
        }
    }
}
