package dev.lacy.core.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void theCanonicalCellPlaceIsTheCellsCenterOrTheNearestPointOfTheCellWhereTheObjectFits() {
        var lemon = new SceneObject("lemon", new Point(0.2, 0.2), 0.04);
        var mug = new SceneObject("mug", new Point(0.5, 0.1), 0.05);
        var scene = new Scene(List.of(lemon, mug));
        // the middle right cell is empty: its center
        Point free = describer.canonicalCellPlace(scene, lemon, GridCell.MIDDLE_RIGHT).orElseThrow();
        assertThat(free.x()).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(free.y()).isCloseTo(0.5, within(1e-9));
        // the lemon itself does not block its own cell's center
        assertThat(describer.canonicalCellPlace(scene, lemon, GridCell.TOP_LEFT).orElseThrow().distanceTo(GridCell.TOP_LEFT.center()))
                .isLessThan(1e-9);

        // a plum on the center's cell: the nearest lattice point where the lemon clears it by 0.01
        var plum = new SceneObject("plum", new Point(0.5, 0.5), 0.05);
        var crowded = new Scene(List.of(lemon, mug, plum));
        Point moved = describer.canonicalCellPlace(crowded, lemon, GridCell.CENTER).orElseThrow();
        assertThat(moved.distanceTo(plum.center())).isGreaterThanOrEqualTo(0.04 + 0.05 + 0.01)
                .isLessThan(0.04 + 0.05 + 0.01 + 0.01);
        assertThat(GridCell.of(moved)).isEqualTo(GridCell.CENTER);
        // the same again: the choice among equally near points is fixed
        assertThat(describer.canonicalCellPlace(crowded, lemon, GridCell.CENTER)).contains(moved);

        // a large object near a corner cell: the point stays the object's radius inside the table
        var box = new SceneObject("box", new Point(0.5, 0.5), 0.2);
        Point corner = describer.canonicalCellPlace(new Scene(List.of(box, mug)), box, GridCell.TOP_RIGHT).orElseThrow();
        assertThat(corner.x()).isLessThanOrEqualTo(0.8 + 1e-9);
        assertThat(corner.y()).isGreaterThanOrEqualTo(0.2 - 1e-9);

        // a cell the object cannot fit in: none
        var wide = new SceneObject("wide", new Point(5.0 / 6, 0.5), 0.3);
        assertThat(describer.canonicalCellPlace(new Scene(List.of(lemon, wide)), lemon, GridCell.MIDDLE_RIGHT)).isEmpty();

        // L2A's target: an absolute instruction's place point made canonical, the pick point kept
        var action = new PickPlaceAction(lemon.center(), new Point(0.7, 0.4));
        assertThat(describer.canonicalAction(scene, new Instruction("lemon", new Placement.Absolute(GridCell.MIDDLE_RIGHT)), action))
                .isEqualTo(new PickPlaceAction(lemon.center(), free));
    }

    @Test
    void theCanonicalPlaceLiesOnTheDirectionsCentralAngleClearOfEveryObjectOrNowhere() {
        SceneObject lemon = PaperScene.SCENE.find("lemon").orElseThrow();
        SceneObject cable = PaperScene.SCENE.find("cable").orElseThrow();

        Point left = describer.canonicalPlace(PaperScene.SCENE, lemon, new Placement.Relative(Direction.LEFT, "cable")).orElseThrow();
        // 0.2 from the cable's center, straight to its left, and so within d_rel of its contour
        assertThat(left.x()).isCloseTo(0.702, within(1e-9));
        assertThat(left.y()).isCloseTo(0.912, within(1e-9));
        assertThat(Direction.from(cable.center(), left)).isEqualTo(Direction.LEFT);
        // to the cable's right is beyond the workspace's edge: no canonical place
        assertThat(describer.canonicalPlace(PaperScene.SCENE, lemon, new Placement.Relative(Direction.RIGHT, "cable"))).isEmpty();

        // a plum where the point would be: the point moves out until the lemon's footprint clears it
        var crowded = new Scene(List.of(lemon, cable, new SceneObject("plum", new Point(0.702, 0.912), 0.025)));
        Point moved = describer.canonicalPlace(crowded, lemon, new Placement.Relative(Direction.LEFT, "cable")).orElseThrow();
        assertThat(moved.x()).isCloseTo(0.622, within(1e-9));
        assertThat(moved.distanceTo(new Point(0.702, 0.912))).isGreaterThanOrEqualTo(0.025 + 0.04);
        assertThat(cable.contourDistance(moved)).isLessThanOrEqualTo(SpatialThresholds.PAPER.relative());

        // the ideal place ignores the plum (a caption is never executed) and stays off the workspace's edges
        assertThat(describer.idealPlace(crowded, lemon, new Placement.Relative(Direction.LEFT, "cable"))).contains(left);
        assertThat(describer.idealPlace(crowded, lemon, new Placement.Relative(Direction.RIGHT, "cable"))).isEmpty();
        assertThatThrownBy(() -> describer.canonicalPlace(PaperScene.SCENE, lemon, new Placement.Relative(Direction.LEFT, "mug")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mug'");
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
