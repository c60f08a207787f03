package dev.lacy.sim.tabletop;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.SeedStreams;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * What sample {@code i} of each generated dataset is: a pure function of the seed, the dataset and {@code i}
 * (each dataset draws from its own seed stream), so that any range of indices can be made anywhere, in any order,
 * by any number of processes, and the samples are the same. {@code lacy generate} and the Spark generation job both
 * make their samples here.
 */
public final class SampleRecipes {

    /** Demonstrations: scene, instruction, action. */
    public static final String TRAIN = "train";
    /**
     * {@value #L2C_PER_DEMONSTRATION} L2C pairs per demonstration, half of them consistent, from demonstration
     * {@code i / }{@value #L2C_PER_DEMONSTRATION}.
     */
    public static final String TRAIN_L2C = "train-l2c";
    /**
     * How often each demonstration draws a consistent and an inconsistent second instruction. With one draw (generator
     * version 1) a model trained on 1,000 demonstrations judged two different objects the same in up to 20 of 1,000
     * test pairs; two draws (version 2), four (version 3) and eight (version 4) each raised L2C on the mean of three
     * training seeds (docs/experiments/2026-12-04-stronger-model.md, "Four L2C pairs per demonstration", "Eight", "Sixteen").
     */
    public static final int PAIR_DRAWS = 8;
    /** L2C pairs made from each demonstration: {@value #PAIR_DRAWS} draws of two. */
    public static final int L2C_PER_DEMONSTRATION = 2 * PAIR_DRAWS;
    /**
     * What one seed generates, recorded beside the datasets by {@code lacy generate} and the Spark generation job alike;
     * raised when it changes (a new scene sampler, another stream layout; 2: four L2C pairs per demonstration, 3: eight, 4: sixteen,
     * 5: the demonstrated instruction first in every pair).
     */
    public static final int GENERATOR_VERSION = 5;
    /** Grounding images for base pretraining. */
    public static final String GROUNDING = "grounding";
    /** Unseen test demonstrations. */
    public static final String TEST = "test";
    /** An instruction pool: the scenes and instructions of demonstrations whose actions are not kept. */
    public static final String POOL = "pool";

    private static final long TRAIN_STREAM = 1;
    /** The first draw of pairs; draw {@code k > 0} reads stream {@code POOL_STREAM + k} (6 to 12). */
    private static final long PAIR_STREAM = 2;
    private static final long GROUNDING_STREAM = 3;
    private static final long TEST_STREAM = 4;
    private static final long POOL_STREAM = 5;

    private final ScriptedDemonstrator demonstrator;
    private final long seed;

    public SampleRecipes(ScriptedDemonstrator demonstrator, long seed) {
        this.demonstrator = demonstrator;
        this.seed = seed;
    }

    /**
     * The demonstrator {@code lacy generate} uses: the standard catalogue, scenes of {@code minObjects} to
     * {@code maxObjects} objects two hundredths apart, rendered at {@code imageSize} with {@code randomization}.
     */
    public static ScriptedDemonstrator standardDemonstrator(int imageSize, int minObjects, int maxObjects,
                                                            Randomization randomization, SpatialThresholds thresholds) {
        ObjectCatalogue catalogue = ObjectCatalogue.standard();
        var describer = new SpatialDescriber(thresholds);
        var templates = new InstructionTemplates();
        return new ScriptedDemonstrator(new SceneSampler(catalogue, minObjects, maxObjects, 0.02),
                new TabletopRenderer(catalogue, imageSize, randomization), describer, templates,
                new ConsistencyPairs(describer, new ActionJudge(thresholds), templates));
    }

    public long seed() {
        return seed;
    }

    /** Sample {@code i} of {@link #TRAIN}. */
    public Demonstration demonstration(long i) {
        return demonstrator.demonstrate(SeedStreams.random(seed, TRAIN_STREAM, i));
    }

    /**
     * Samples {@code 16i} to {@code 16i + 15} of {@link #TRAIN_L2C}, from demonstration {@code i} of {@link #TRAIN}:
     * {@value #PAIR_DRAWS} draws of {@link ScriptedDemonstrator#consistencyPair}, each on its own random stream, the
     * first the pair generator version 1 drew, the first two the pairs of version 2, the first four version 3's (the
     * same instructions; since version 5 the demonstration's instruction is first in every pair).
     */
    public List<ConsistencySample> consistencyPairs(Demonstration demonstration, long i) {
        var pairs = new ArrayList<ConsistencySample>(L2C_PER_DEMONSTRATION);
        for (int draw = 0; draw < PAIR_DRAWS; draw++) {
            long stream = draw == 0 ? PAIR_STREAM : POOL_STREAM + draw;
            pairs.addAll(demonstrator.consistencyPair(demonstration, SeedStreams.random(seed, stream, i)));
        }
        return List.copyOf(pairs);
    }

    /** Sample {@code i} of {@link #GROUNDING}. */
    public GroundingSample grounding(long i) {
        return demonstrator.grounding(SeedStreams.random(seed, GROUNDING_STREAM, i));
    }

    /** Sample {@code i} of {@link #TEST}. */
    public Demonstration test(long i) {
        return demonstrator.demonstrate(SeedStreams.random(seed, TEST_STREAM, i));
    }

    /** Sample {@code i} of {@link #POOL}. */
    public InstructionSample pool(long i) {
        return InstructionSample.of(demonstrator.demonstrate(SeedStreams.random(seed, POOL_STREAM, i)));
    }
}
