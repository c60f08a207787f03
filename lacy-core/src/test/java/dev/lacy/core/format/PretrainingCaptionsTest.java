package dev.lacy.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PretrainingCaptionsTest {

    private static final Scene SCENE = new Scene(List.of(new SceneObject("lemon", new Point(0.493, 0.522), 0.04),
            new SceneObject("mug", new Point(0.8, 0.5), 0.05)));

    @Test
    void theCaptionsAskAndAnswerAsPretrainingWritesThem() {
        SceneObject lemon = SCENE.objects().get(0);

        assertThat(PretrainingCaptions.whereAnswer(SCENE, lemon))
                .isEqualTo("The lemon is at (0.493,0.522), in the center of the workspace, to the left of the mug.");
        assertThat(PretrainingCaptions.wherePrompt("lemon")).isEqualTo("<image>\nWhere is the lemon?\n");
        assertThat(PretrainingCaptions.whatPrompt(lemon.center())).isEqualTo("<image>\nWhat is at (0.493,0.522)?\n");
        assertThat(PretrainingCaptions.whatAnswer(lemon)).isEqualTo("The lemon.");
    }

    @Test
    void theTaughtPlacePointMovesWhereTheObviousOneIsTakenAsL2aIsTaught() {
        var describer = new SpatialDescriber(SpatialThresholds.PAPER);
        var scene = new Scene(List.of(SCENE.objects().get(0), SCENE.objects().get(1),
                new SceneObject("bowl", new Point(0.6, 0.5), 0.05)));
        SceneObject lemon = scene.objects().get(0);
        // a free cell: its center
        var topLeft = new Instruction("lemon", new Placement.Absolute(GridCell.TOP_LEFT));
        assertThat(PretrainingCaptions.taughtPlaceOf(scene, topLeft, describer)).hasValue(GridCell.TOP_LEFT.center());
        // the mug stands on the middle right's center: the point moves off it, inside the cell, clear of the mug
        var middleRight = new Instruction("lemon", new Placement.Absolute(GridCell.MIDDLE_RIGHT));
        Point moved = PretrainingCaptions.taughtPlaceOf(scene, middleRight, describer).orElseThrow();
        assertThat(moved).isNotEqualTo(GridCell.MIDDLE_RIGHT.center());
        assertThat(GridCell.of(moved)).isEqualTo(GridCell.MIDDLE_RIGHT);
        assertThat(moved.distanceTo(new Point(0.8, 0.5))).isGreaterThanOrEqualTo(0.05 + 0.04);
        // the bowl stands at the ideal point left of the mug: the point moves further out, as L2A is taught
        var leftOfMug = new Instruction("lemon", new Placement.Relative(Direction.LEFT, "mug"));
        Point ideal = describer.idealPlace(scene, lemon, (Placement.Relative) leftOfMug.placement()).orElseThrow();
        Point out = PretrainingCaptions.taughtPlaceOf(scene, leftOfMug, describer).orElseThrow();
        assertThat(out).isEqualTo(describer.canonicalPlace(scene, lemon, (Placement.Relative) leftOfMug.placement()).orElseThrow());
        assertThat(out.x()).isLessThan(ideal.x());
        assertThat(out.distanceTo(new Point(0.6, 0.5))).isGreaterThanOrEqualTo(0.05 + 0.04);
        // nowhere to go (a reference at the table's left edge): the ideal point, or none where that is off the table
        var leftOfEdge = new Scene(List.of(lemon, new SceneObject("mug", new Point(0.06, 0.5), 0.05)));
        assertThat(PretrainingCaptions.taughtPlaceOf(leftOfEdge, leftOfMug, describer)).isEmpty();
    }

    @Test
    void theInstructionCaptionAsksAboutObjectsOfTheSceneInEveryKindOfPlacement() {
        var random = new SplittableRandom(3);
        var parser = new InstructionParser();
        var templates = new InstructionTemplates();
        var kinds = new HashSet<Class<?>>();
        for (int i = 0; i < 200; i++) {
            Instruction instruction = PretrainingCaptions.randomInstruction(SCENE, random);
            assertThat(SCENE.names()).contains(instruction.target());
            if (instruction.placement() instanceof Placement.Relative relative) {
                assertThat(relative.reference()).isIn(SCENE.names()).isNotEqualTo(instruction.target());
            }
            kinds.add(instruction.placement().getClass());
            String text = templates.render(instruction, random);
            assertThat(parser.parse(text).orElseThrow()).isEqualTo(instruction);
        }
        assertThat(kinds).containsExactlyInAnyOrder(Placement.Absolute.class, Placement.Relative.class);
        var alone = new Scene(List.of(SCENE.objects().get(0)));
        assertThat(PretrainingCaptions.randomInstruction(alone, random).placement())
                .as("one object leaves no reference").isInstanceOf(Placement.Absolute.class);
        assertThat(PretrainingCaptions.askPrompt("Pick the lemon and place it to the left of the mug"))
                .isEqualTo("<image>\nWhat does the instruction \"Pick the lemon and place it to the left of the mug\" ask for?\n");
    }

    @Test
    void theSecondInstructionCaptionAlwaysPlacesRelativeToAnotherObjectOfTheScene() {
        var random = new SplittableRandom(4);
        var directions = new HashSet<Direction>();
        for (int i = 0; i < 200; i++) {
            Instruction instruction = PretrainingCaptions.randomRelativeInstruction(SCENE, random).orElseThrow();
            var relative = (Placement.Relative) instruction.placement();
            assertThat(SCENE.names()).contains(instruction.target(), relative.reference());
            assertThat(relative.reference()).isNotEqualTo(instruction.target());
            directions.add(relative.direction());
        }
        assertThat(directions).containsExactlyInAnyOrder(Direction.values());
        assertThat(PretrainingCaptions.randomRelativeInstruction(new Scene(List.of(SCENE.objects().get(0))), random))
                .as("one object leaves no reference").isEmpty();
    }

    @Test
    void theInstructionCaptionsPlacePointIsInItsCellOrTheRelativePlacementsIdealPoint() {
        var describer = new SpatialDescriber(SpatialThresholds.PAPER);
        var random = new SplittableRandom(5);
        for (GridCell cell : GridCell.values()) {
            for (int i = 0; i < 20; i++) {
                Point place = PretrainingCaptions.placeOf(SCENE, new Instruction("lemon", new Placement.Absolute(cell)), describer, random)
                        .orElseThrow();
                assertThat(GridCell.of(place)).isEqualTo(cell);
            }
        }
        var left = new Placement.Relative(Direction.LEFT, "mug");
        assertThat(PretrainingCaptions.placeOf(SCENE, new Instruction("lemon", left), describer, random))
                .isEqualTo(describer.idealPlace(SCENE, SCENE.objects().get(0), left))
                .hasValueSatisfying(p -> assertThat(p.x()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-9)));
        // to the mug's right is the workspace's edge: the caption's line then has no point
        assertThat(PretrainingCaptions.placeOf(SCENE, new Instruction("lemon", new Placement.Relative(Direction.RIGHT, "mug")),
                describer, random)).isEmpty();
    }

    @Test
    void thePointOfAnAnswerIsReadFromTheLineAfterTheGrounding() {
        String grounding = "There are 2 objects in the image: lemon at (0.100,0.200), mug at (0.800,0.500).";

        assertThat(PretrainingCaptions.pointIn(grounding + "\nIt is at (0.493,0.522), in the middle center."))
                .contains(new Point(0.493, 0.522));
        assertThat(PretrainingCaptions.pointIn(grounding + "\nThe lemon is at (0.490,0.520).")).contains(new Point(0.49, 0.52));
        assertThat(PretrainingCaptions.pointIn(grounding + "\nThe lemon is somewhere.")).as("no point in the answer").isEmpty();
        assertThat(PretrainingCaptions.pointIn(grounding)).as("a point of the grounding is not an answer").isEmpty();
        assertThat(PretrainingCaptions.pointIn("x\nIt is at (1.500,0.200).")).as("outside the unit square").isEmpty();
    }
}
