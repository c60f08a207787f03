package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.Workcell;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.onnx.model.ModelPackage;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
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

    public static PromptFormat format(Path model) {
        return ModelPackage.readManifest(model).chainOfThought() ? LacyPromptFormat.withChainOfThought()
                : LacyPromptFormat.withoutChainOfThought();
    }

    public static EvaluationReport evaluate(Path model, List<Demonstration> test, Device device, long seed) {
        var judge = new ActionJudge(SpatialThresholds.PAPER);
        var pairs = new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER), judge, new InstructionTemplates());
        try (VisionLanguageModel vlm = OnnxVisionLanguageModel.open(model, device)) {
            return evaluator(judge, pairs, seed).evaluate(new Lacy(vlm, format(model), MAX_NEW_TOKENS), test);
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
