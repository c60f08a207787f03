package dev.lacy.core.cycle;

import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;

/** An arm on a table whose scene can be staged: what executing predicted actions during evaluation needs. */
public record Workcell(SceneStager stager, RobotArm arm) {

    public Workcell {
        if (stager == null || arm == null) {
            throw new IllegalArgumentException("a workcell needs a stager and an arm");
        }
    }
}
