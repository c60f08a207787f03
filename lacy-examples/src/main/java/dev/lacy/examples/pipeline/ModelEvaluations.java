package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Evaluates a model package on test demonstrations with the protocol of DESIGN.md section 6 (no arm: judged answers). */
public final class ModelEvaluations {

    /** Enough new tokens for a grounding sentence of eight objects and an answer. */
    public static final int MAX_NEW_TOKENS = 200;

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
            return new Evaluator(judge, pairs, Optional.empty(), seed).evaluate(new Lacy(vlm, format(model), MAX_NEW_TOKENS), test);
        }
    }
}
