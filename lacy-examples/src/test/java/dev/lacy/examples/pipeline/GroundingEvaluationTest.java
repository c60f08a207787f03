package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.format.ReferentsFormat;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingEvaluationTest {

    private static final Scene SCENE = new Scene(List.of(new SceneObject("lemon", new Point(0.2, 0.2), 0.05),
            new SceneObject("mug", new Point(0.7, 0.5), 0.05)));

    @Test
    void theAskedLinesWordsAreComparedWithoutThePlacePointTheCaptionsTeach() {
        var referents = new ReferentsFormat();
        for (Instruction instruction : List.of(new Instruction("lemon", new Placement.Relative(Direction.LEFT, "mug")),
                new Instruction("lemon", new Placement.Absolute(GridCell.BOTTOM_LEFT)))) {
            String withPoint = referents.write(SCENE, instruction, new Point(0.612, 0.503));
            String words = referents.write(SCENE, instruction);

            assertThat(withPoint).isNotEqualTo(words);
            assertThat(GroundingEvaluation.withoutPlacePoint(withPoint)).isEqualTo(words);
            assertThat(GroundingEvaluation.withoutPlacePoint(words)).isEqualTo(words);
        }
    }
}
