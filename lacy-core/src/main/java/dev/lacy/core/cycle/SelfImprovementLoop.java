package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-improvement loop of paper section IV-D. Iteration 0 trains on the initial
 * demonstrations. Each later iteration runs Algorithm 1 with the previous model over the initial
 * demonstrations (the instructions it may learn from), merges the new triplets into the data, and
 * retrains from the base, never from the previous model, to avoid catastrophic forgetting.
 */
public final class SelfImprovementLoop {

    private final Trainer trainer;
    private final ModelLoader loader;
    private final PromptFormat format;
    private final AugmentationSettings settings;
    private final int maxNewTokens;
    private final ModelEvaluation evaluation;
    private final TrainingListener listener;

    public SelfImprovementLoop(Trainer trainer, ModelLoader loader, PromptFormat format, AugmentationSettings settings,
                               int maxNewTokens, ModelEvaluation evaluation, TrainingListener listener) {
        this.trainer = trainer;
        this.loader = loader;
        this.format = format;
        this.settings = settings;
        this.maxNewTokens = maxNewTokens;
        this.evaluation = evaluation;
        this.listener = listener;
    }

    public List<IterationReport> run(ImprovementPlan plan) {
        var reports = new ArrayList<IterationReport>(plan.iterations() + 1);
        List<Demonstration> data = plan.initial();
        int added = 0;
        for (int iteration = 0; iteration <= plan.iterations(); iteration++) {
            ModelRef model = trainer.fineTune(new FineTuneJob(plan.base(), data, plan.consistency(), plan.mode(),
                    plan.workDirectory().resolve("iteration-" + iteration), plan.seed() + iteration, listener));
            try (VisionLanguageModel vlm = loader.load(model)) {
                var lacy = new Lacy(vlm, format, maxNewTokens);
                reports.add(new IterationReport(iteration, data.size(), added, model, evaluation.evaluate(lacy)));
                if (iteration < plan.iterations()) {
                    var augmenter = new ActiveAugmenter(lacy, settings);
                    List<Demonstration> fresh = augmenter.augment(plan.initial()).added();
                    var merged = new ArrayList<Demonstration>(data);
                    merged.addAll(fresh);
                    data = List.copyOf(merged);
                    added = fresh.size();
                }
            }
        }
        return List.copyOf(reports);
    }
}
