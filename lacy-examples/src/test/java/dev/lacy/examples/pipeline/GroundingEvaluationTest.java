package dev.lacy.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.format.GroundedObject;
import dev.lacy.core.format.GroundingFormat;
import dev.lacy.core.format.ReferentsFormat;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.testing.ScriptedModelTestDouble;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingEvaluationTest {

    private static final Scene SCENE = new Scene(List.of(new SceneObject("lemon", new Point(0.2, 0.2), 0.05),
            new SceneObject("mug", new Point(0.7, 0.5), 0.05)));

    @Test
    void everySceneWhoseGroundingSentenceIsNotExactIsListedWithWhatItWrote() {
        var grounding = new GroundingFormat();
        String exact = grounding.write(SCENE);
        String oneMissing = grounding.write(List.of(new GroundedObject("mug", new Point(0.7, 0.5))));
        var model = new ScriptedModelTestDouble();
        var test = new java.util.ArrayList<Demonstration>();
        for (String sentence : List.of(exact, oneMissing, "lemon at (0.2")) {
            test.add(new Demonstration(Observation.of(RgbImage.filled(8, 8, test.size()), SCENE),
                    "Pick up the lemon and place it to the left of the mug",
                    new PickPlaceAction(new Point(0.22, 0.21), new Point(0.6, 0.5))));
            // per scene: "Where is the X?", "What is at (x,y)?" at an object's center, then at the pick point (off the
            // lemon's center; answered right in the first scene only), "What does the instruction ask for?", then the sentence
            String atPick = test.size() == 1 ? exact + "\nThe lemon." : exact + "\nThe mug.";
            model.thenGenerate(LacyTask.GROUNDING, "?").thenGenerate(LacyTask.GROUNDING, "?")
                    .thenGenerate(LacyTask.GROUNDING, atPick).thenGenerate(LacyTask.GROUNDING, "?")
                    .thenGenerate(LacyTask.GROUNDING, sentence);
        }

        var loader = new FixedModelLoaderTestDouble(() -> model, LacyPromptFormat.withChainOfThought());

        GroundingEvaluation.Result result = GroundingEvaluation.evaluate(loader, Path.of("m"), test);

        assertThat(result.exactScenes()).isEqualTo(1 / 3.0);
        assertThat(result.whatAtPickRight()).isEqualTo(1 / 3.0);
        assertThat(model.generations(LacyTask.GROUNDING)).filteredOn(r -> r.prompt().contains("What is at (0.220,0.210)?")).hasSize(3);
        assertThat(result.malformed()).isEqualTo(1);
        assertThat(result.misses()).containsExactly(
                new GroundingEvaluation.Miss(1, List.of("lemon", "mug"), List.of("mug"), false, oneMissing),
                new GroundingEvaluation.Miss(2, List.of("lemon", "mug"), List.of(), true, "lemon at (0.2"));
        assertThat(model.fullyConsumed()).isTrue();
    }

    @Test
    void theAskedLinesPlacePointIsRightWhereTheJudgeAcceptsItAndTheArmPlacesTheObjectThere() {
        // the mug stands on the middle right's center: the point L2A is taught moves off it
        var grounding = new GroundingFormat();
        var referents = new ReferentsFormat();
        var describer = new SpatialDescriber(SpatialThresholds.PAPER);
        var scene = new Scene(List.of(new SceneObject("lemon", new Point(0.2, 0.2), 0.05),
                new SceneObject("mug", new Point(0.8, 0.5), 0.05)));
        SceneObject lemon = scene.objects().get(0);
        var middleRight = new Instruction("lemon", new Placement.Absolute(GridCell.MIDDLE_RIGHT));
        Point taught = describer.canonicalCellPlace(scene, lemon, GridCell.MIDDLE_RIGHT).orElseThrow();
        var topLeft = new Instruction("lemon", new Placement.Absolute(GridCell.TOP_LEFT));
        assertThat(GroundingEvaluation.moved(describer, scene, middleRight)).isTrue();
        assertThat(GroundingEvaluation.moved(describer, scene, topLeft)).isFalse();
        var model = new ScriptedModelTestDouble();
        var test = new java.util.ArrayList<Demonstration>();
        // the taught point, the center under the mug, the top left's center, a line without a point in the
        // instruction's own words (as a base taught the pick phrases writes it), and one in other words
        List<String> lines = List.of(referents.write(scene, middleRight, taught),
                referents.write(scene, middleRight, GridCell.MIDDLE_RIGHT.center()),
                referents.write(scene, topLeft, GridCell.TOP_LEFT.center()), referents.write(scene, topLeft, "Grab the lemon", null, null),
                referents.write(scene, topLeft, "Take the lemon", null, null));
        List<String> instructions = List.of("Pick the lemon and place it in the middle right of the table",
                "Pick the lemon and place it in the middle right of the table", "Pick the lemon and place it in the top left of the table",
                "Grab the lemon and place it in the top left of the table", "Grab the lemon and place it in the top left of the table");
        for (int i = 0; i < lines.size(); i++) {
            test.add(new Demonstration(Observation.of(RgbImage.filled(8, 8, i), scene), instructions.get(i),
                    new PickPlaceAction(lemon.center(), new Point(0.2, 0.2))));
            String reasoning = grounding.write(scene) + "\n";
            model.thenGenerate(LacyTask.GROUNDING, "?").thenGenerate(LacyTask.GROUNDING, "?")
                    .thenGenerate(LacyTask.GROUNDING, "?").thenGenerate(LacyTask.GROUNDING, reasoning + lines.get(i))
                    .thenGenerate(LacyTask.GROUNDING, grounding.write(scene));
        }

        GroundingEvaluation.Result result = GroundingEvaluation.evaluate(
                new FixedModelLoaderTestDouble(() -> model, LacyPromptFormat.withChainOfThought()), Path.of("m"), test);

        assertThat(result.askRight()).isEqualTo(4 / 5.0);
        assertThat(result.askPlaceRight()).isEqualTo(2 / 5.0);
        assertThat(result.askMoved()).isEqualTo(2);
        assertThat(result.askMovedRight()).isEqualTo(1);
    }
}
