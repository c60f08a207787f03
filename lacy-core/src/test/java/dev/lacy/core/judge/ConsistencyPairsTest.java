package dev.lacy.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.testing.PaperScene;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class ConsistencyPairsTest {

    private final ActionJudge judge = new ActionJudge(SpatialThresholds.PAPER);
    private final ConsistencyPairs pairs = new ConsistencyPairs(
            new SpatialDescriber(SpatialThresholds.PAPER), judge, new InstructionTemplates());

    @Property(tries = 200)
    void consistentPairsAreAcceptedAndInconsistentOnesRejectedByTheJudge(
            @ForAll @DoubleRange(min = 0, max = 1) double x, @ForAll @DoubleRange(min = 0, max = 1) double y,
            @ForAll long seed) {
        var action = new PickPlaceAction(new Point(0.493, 0.522), new Point(x, y));
        var random = new SplittableRandom(seed);
        String instruction = new InstructionTemplates().canonical(
                new SpatialDescriber(SpatialThresholds.PAPER).describe(PaperScene.SCENE, action, random));

        String consistent = pairs.consistentWith(PaperScene.SCENE, action, instruction, random);
        String inconsistent = pairs.inconsistentWith(PaperScene.SCENE, action, random);

        assertThat(consistent).isNotEqualToIgnoringCase(instruction);
        assertThat(judge.judge(PaperScene.SCENE, consistent, action).success()).isTrue();
        assertThat(judge.judge(PaperScene.SCENE, inconsistent, action).success()).isFalse();
        assertThat(judge.judge(PaperScene.SCENE, inconsistent, action).failure().aboutInstruction()).isFalse();
    }
}
