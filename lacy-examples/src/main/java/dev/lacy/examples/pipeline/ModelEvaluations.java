package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.sim.tabletop.TabletopEvaluation;
import java.nio.file.Path;
import java.util.List;

/**
 * Evaluates a model package on test demonstrations with the protocol of docs/method.md ("Evaluation"): every
 * L2A action is executed on the embedded tabletop's arm, staged with the test scene, and counts when
 * the judge accepts where the named object landed.
 */
public final class ModelEvaluations {

    /** Enough new tokens for a grounding sentence of eight objects and an answer. */
    public static final int MAX_NEW_TOKENS = Lacy.STANDARD_MAX_NEW_TOKENS;

    private ModelEvaluations() {
    }

    /** The model at {@code model}, opened by {@code loader}, evaluated on {@code test}. */
    public static EvaluationReport evaluate(ModelLoader loader, Path model, List<Demonstration> test, long seed) {
        var ref = new ModelRef(model);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            return TabletopEvaluation.evaluator(seed).evaluate(new Lacy(vlm, loader.promptFormat(ref), MAX_NEW_TOKENS), test);
        }
    }

    /**
     * The evaluator of every command: L2A actions executed on the embedded tabletop (a kinematic arm on a
     * simulated table, staged with each test scene; it holds no native resources), whichever backend the
     * command was given, so that figures from any machine compare.
     */
    public static Evaluator evaluator(ActionJudge judge, ConsistencyPairs pairs, long seed) {
        return TabletopEvaluation.evaluator(judge, pairs, seed);
    }
}
