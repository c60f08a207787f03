package dev.lacy.sim.tabletop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Episode;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScriptedDemonstratorTest {

    private final ActionJudge judge = new ActionJudge(SpatialThresholds.PAPER);
    private final SpatialDescriber describer = new SpatialDescriber(SpatialThresholds.PAPER);
    private final ScriptedDemonstrator demonstrator = new ScriptedDemonstrator(SceneSampler.standard(),
            new TabletopRenderer(ObjectCatalogue.standard(), 64, Randomization.NONE), describer,
            new InstructionTemplates(), new ConsistencyPairs(describer, judge, new InstructionTemplates()));

    @Test
    void everyDemonstrationIsAcceptedByTheJudgeAndTheKindsAreBalanced() {
        var random = new SplittableRandom(11);
        int relative = 0;
        int n = 300;
        for (int i = 0; i < n; i++) {
            Demonstration demo = demonstrator.demonstrate(random);
            Scene scene = demo.observation().groundTruth().orElseThrow();

            assertThat(judge.judge(scene, demo.instruction(), demo.action()).success()).as(demo.instruction()).isTrue();
            assertThat(describer.allowedPlacements(scene, demo.action()))
                    .contains(new InstructionParser().parse(demo.instruction()).orElseThrow().placement());
            if (new InstructionParser().parse(demo.instruction()).orElseThrow().placement() instanceof Placement.Relative) {
                relative++;
            }
        }
        assertThat(relative).isBetween(n * 4 / 10, n * 6 / 10);
    }

    @Test
    void theSameSeedGivesTheSameDemonstration() {
        assertThat(demonstrator.demonstrate(new SplittableRandom(3))).isEqualTo(demonstrator.demonstrate(new SplittableRandom(3)));
    }

    @Test
    void episodeStepsStartWhereTheLastStepLeftTheTable() {
        Episode episode = demonstrator.episode(3, new SplittableRandom(4));

        for (int i = 1; i < 3; i++) {
            Demonstration previous = episode.steps().get(i - 1);
            Scene before = previous.observation().groundTruth().orElseThrow();
            String moved = before.selectedBy(previous.action().pick()).orElseThrow().name();
            assertThat(episode.steps().get(i).observation().groundTruth()).contains(before.withMoved(moved, previous.action().place()));
        }
    }

    @Test
    void consistencyPairsAreOneOfEachAndTheJudgeAgreesWithTheirLabels() {
        var random = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            Demonstration demo = demonstrator.demonstrate(random);
            Scene scene = demo.observation().groundTruth().orElseThrow();
            var pair = demonstrator.consistencyPair(demo, random);

            assertThat(pair).extracting(ConsistencySample::consistent).containsExactly(true, false);
            assertThat(pair).extracting(ConsistencySample::first).as("the instruction first, as L2C is asked")
                    .containsOnly(demo.instruction());
            for (ConsistencySample sample : pair) {
                boolean firstOk = judge.judge(scene, sample.first(), demo.action()).success();
                boolean secondOk = judge.judge(scene, sample.second(), demo.action()).success();
                assertThat(firstOk && secondOk).isEqualTo(sample.consistent());
            }
        }
    }

    @Test
    void theRecipesDrawSixteenPairsPerDemonstrationTheFirstTwoAsGeneratorVersionOneDid() {
        var recipes = new SampleRecipes(demonstrator, 5);
        for (long i = 0; i < 20; i++) {
            Demonstration demo = recipes.demonstration(i);
            var pairs = recipes.consistencyPairs(demo, i);
            var first = demonstrator.consistencyPair(demo, dev.lacy.core.data.SeedStreams.random(5, 2, i));

            assertThat(pairs).hasSize(SampleRecipes.L2C_PER_DEMONSTRATION)
                    .extracting(ConsistencySample::consistent).containsExactly(true, false, true, false, true, false, true, false,
                            true, false, true, false, true, false, true, false);
            assertThat(pairs.stream().map(ConsistencySample::second).distinct().count())
                    .as("eight draws, not one repeated").isGreaterThan(4);
            assertThat(pairs.subList(0, 2)).extracting(ConsistencySample::first, ConsistencySample::second)
                    .containsExactlyElementsOf(first.stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.first(), p.second())).toList());
            assertThat(recipes.consistencyPairs(demo, i)).extracting(ConsistencySample::second)
                    .isEqualTo(pairs.stream().map(ConsistencySample::second).toList());
        }
    }
}
