package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.Workcell;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.sim.tabletop.EmbeddedTabletop;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a model package on test demonstrations with the protocol of docs/method.md ("Evaluation"): every
 * L2A action is executed on the embedded tabletop's arm, staged with the test scene, and counts when
 * the judge accepts where the named object landed.
 */
public final class ModelEvaluations {

    /** Enough new tokens for a grounding sentence of eight objects and an answer. */
    public static final int MAX_NEW_TOKENS = 200;
    /** The embedded table of the evaluation renders nothing (the test images come with the data); any size does. */
    private static final int EVALUATION_IMAGE_SIZE = 64;

    private ModelEvaluations() {
    }

    /** The model at {@code model}, opened by {@code loader}, evaluated on {@code test}. */
    public static EvaluationReport evaluate(ModelLoader loader, Path model, List<Demonstration> test, long seed) {
        var judge = new ActionJudge(SpatialThresholds.PAPER);
        var pairs = new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER), judge, new InstructionTemplates());
        var ref = new ModelRef(model);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            return evaluator(judge, pairs, seed).evaluate(new Lacy(vlm, loader.promptFormat(ref), MAX_NEW_TOKENS), test);
        }
    }

    /**
     * The evaluator of every command: L2A actions executed on the embedded tabletop (a kinematic arm on a
     * simulated table, staged with each test scene; it holds no native resources), whichever backend the
     * command was given, so that figures from any machine compare.
     */
    public static Evaluator evaluator(ActionJudge judge, ConsistencyPairs pairs, long seed) {
        EmbeddedTabletop table = EmbeddedTabletop.standard(EVALUATION_IMAGE_SIZE);
        return new Evaluator(judge, pairs, Optional.of(new Workcell(table, table)), seed);
    }
}
