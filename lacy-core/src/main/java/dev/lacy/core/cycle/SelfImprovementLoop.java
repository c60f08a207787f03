package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.VisionLanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The self-improvement loop of paper section IV-D. Iteration 0 trains on the initial
 * demonstrations. Each later iteration runs Algorithm 1 with the previous model over its share of the
 * plan's instruction pool (or the initial demonstrations' instructions, {@link ImprovementPlan#examplesFor}), merges the new triplets into the data, and
 * retrains from the base, never from the previous model, to avoid catastrophic forgetting.
 *
 * <p>Resumable with {@link #resumingWith}: an iteration whose model is already complete is not trained
 * again (it is evaluated again), and Algorithm 1's triplets come from an {@link IterationAugmentation}
 * that keeps them. Since an iteration's model is trained only after its data is complete, a rerun after
 * a crash continues where the first run stopped.
 */
public final class SelfImprovementLoop {

    private final Trainer trainer;
    private final ModelLoader loader;
    private final AugmentationSettings settings;
    private final int maxNewTokens;
    private final ModelEvaluation evaluation;
    private final TrainingListener listener;
    private final Predicate<ModelRef> trained;
    private final IterationAugmentation augmentation;
    private final Optional<ClearPlace> clearPlace;

    /** Each iteration's model is prompted as its loader says ({@link ModelLoader#promptFormat}). */
    public SelfImprovementLoop(Trainer trainer, ModelLoader loader, AugmentationSettings settings,
                               int maxNewTokens, ModelEvaluation evaluation, TrainingListener listener) {
        this(trainer, loader, settings, maxNewTokens, evaluation, listener, model -> false,
                IterationAugmentation.IN_MEMORY, Optional.empty());
    }

    private SelfImprovementLoop(Trainer trainer, ModelLoader loader, AugmentationSettings settings,
                                int maxNewTokens, ModelEvaluation evaluation, TrainingListener listener,
                                Predicate<ModelRef> trained, IterationAugmentation augmentation,
                                Optional<ClearPlace> clearPlace) {
        this.trainer = trainer;
        this.loader = loader;
        this.settings = settings;
        this.maxNewTokens = maxNewTokens;
        this.evaluation = evaluation;
        this.listener = listener;
        this.trained = trained;
        this.augmentation = augmentation;
        this.clearPlace = clearPlace;
    }

    /**
     * This loop with every iteration's tasks holding L2A's place points clear ({@link Lacy#withClearPlaces}): Algorithm
     * 1's sampled actions before they are described and verified, and the iteration's evaluation.
     */
    public SelfImprovementLoop withClearPlaces(ClearPlace hold) {
        if (hold == null) {
            throw new IllegalArgumentException("withClearPlaces needs a ClearPlace");
        }
        return new SelfImprovementLoop(trainer, loader, settings, maxNewTokens, evaluation, listener, trained, augmentation,
                Optional.of(hold));
    }

    /** Whether this loop holds place points clear ({@link #withClearPlaces}). */
    public boolean clearsPlaces() {
        return clearPlace.isPresent();
    }

    /**
     * This loop, resumable: an iteration whose model (in the plan's work directory, {@code iteration-N}) its loader
     * calls complete is not trained again, and {@code augmentation} runs Algorithm 1 in a way that keeps what it
     * accepted.
     */
    public SelfImprovementLoop resumingWith(IterationAugmentation augmentation) {
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation is required");
        }
        return new SelfImprovementLoop(trainer, loader, settings, maxNewTokens, evaluation, listener, loader::isComplete,
                augmentation, clearPlace);
    }

    public List<IterationReport> run(ImprovementPlan plan) {
        var reports = new ArrayList<IterationReport>(plan.iterations() + 1);
        List<Demonstration> data = plan.initial();
        int added = 0;
        for (int iteration = 0; iteration <= plan.iterations(); iteration++) {
            var output = new ModelRef(plan.workDirectory().resolve("iteration-" + iteration));
            ModelRef model = trained.test(output) ? output : trainer.fineTune(new FineTuneJob(plan.base(), data,
                    plan.consistency(), plan.mode(), output.location(), plan.seed() + iteration, listener));
            try (VisionLanguageModel vlm = loader.load(model)) {
                var held = new Lacy(vlm, loader.promptFormat(model), maxNewTokens);
                var lacy = clearPlace.map(held::withClearPlaces).orElse(held);
                reports.add(new IterationReport(iteration, data.size(), added, model, evaluation.evaluate(lacy)));
                if (iteration < plan.iterations()) {
                    List<Demonstration> fresh = augmentation.augment(new ActiveAugmenter(lacy, settings), iteration + 1,
                            plan.examplesFor(iteration + 1));
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
