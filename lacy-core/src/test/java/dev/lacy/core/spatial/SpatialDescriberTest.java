package dev.lacy.core.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.testing.PaperScene;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpatialDescriberTest {

    private final SpatialDescriber describer = new SpatialDescriber(SpatialThresholds.PAPER);

    @Test
    void thePapersFigureExampleIsDescribedAsMiddleRightOfTheWorkspace() {
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);

        Instruction instruction = describer.describe(PaperScene.SCENE, action, new SplittableRandom(1));

        assertThat(instruction).isEqualTo(new Instruction("lemon", new Placement.Absolute(GridCell.MIDDLE_RIGHT)));
        assertThat(new InstructionTemplates().canonical(instruction))
                .isEqualTo("Pick the lemon and place it in the middle right of the workspace");
    }

    @Test
    void relativeDescriptionWhenPlaceIsNearAnObject() {
        // 0.1 from the cable's contour, which is < d_abs: only a relative description is allowed
        var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.752, 0.912));

        assertThat(describer.allowedPlacements(PaperScene.SCENE, action))
                .containsExactly(new Placement.Relative(Direction.LEFT, "cable"));
    }

    @Test
    void absoluteOnlyWhenFartherThanDRelFromEveryOtherObject() {
        var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.9, 0.45));

        assertThat(describer.allowedPlacements(PaperScene.SCENE, action))
                .containsExactly(new Placement.Absolute(GridCell.MIDDLE_RIGHT));
    }

    @Test
    void theCanonicalDescriptionIsAbsoluteWhereAllowedAndRelativeOnlyWhereRequired() {
        var between = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.652, 0.912));
        var near = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.752, 0.912));

        assertThat(describer.canonical(PaperScene.SCENE, between))
                .isEqualTo(new Instruction("lemon", new Placement.Absolute(GridCell.of(new Point(0.652, 0.912)))));
        assertThat(describer.canonical(PaperScene.SCENE, near))
                .isEqualTo(new Instruction("lemon", new Placement.Relative(Direction.LEFT, "cable")));
    }

    @Test
    void bothKindsBetweenTheThresholdsAndTheSeededChoiceBalancesThem() {
        // 0.2 from the cable's contour: 0.15 < d < 0.3
        var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.652, 0.912));
        assertThat(describer.allowedPlacements(PaperScene.SCENE, action)).hasSize(2);

        var random = new SplittableRandom(42);
        int relative = 0;
        for (int i = 0; i < 1000; i++) {
            if (describer.describe(PaperScene.SCENE, action, random).placement() instanceof Placement.Relative) {
                relative++;
            }
        }
        assertThat(relative).isBetween(400, 600);
    }

    @Test
    void thePickedObjectIsNeverItsOwnReference() {
        var scene = new Scene(List.of(new SceneObject("lemon", new Point(0.5, 0.5), 0.05)));
        var action = new PickPlaceAction(new Point(0.5, 0.5), new Point(0.52, 0.5));

        assertThat(describer.allowedPlacements(scene, action)).containsExactly(new Placement.Absolute(GridCell.CENTER));
    }

    @Test
    void thresholdsAreParameters() {
        var wide = new SpatialDescriber(new SpatialThresholds(0.5, 0.9));
        var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(0.9, 0.45));

        assertThat(wide.allowedPlacements(PaperScene.SCENE, action)).hasSize(1)
                .first().isInstanceOf(Placement.Relative.class);
    }

    @Test
    void aPickPointOnNoObjectIsRejectedWithItsCoordinates() {
        var action = PickPlaceAction.of(0.05, 0.05, 0.5, 0.5);

        assertThatThrownBy(() -> describer.describe(PaperScene.SCENE, action, new SplittableRandom(0)))
                .hasMessageContaining("(0.050,0.050)").hasMessageContaining("no object");
    }

    @Test
    void everyDescriptionTheDescriberGivesIsAcceptedByTheTemplatesRoundTrip() {
        var seen = new HashSet<String>();
        var random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(random.nextDouble(), random.nextDouble()));
            seen.add(describer.describe(PaperScene.SCENE, action, random).placement().getClass().getSimpleName());
        }
        assertThat(seen).containsExactlyInAnyOrder("Absolute", "Relative");
    }
}
