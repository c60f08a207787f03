package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.util.WorkerPools;
import dev.lacy.sim.tabletop.TabletopEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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
        return evaluate(loader, model, test, seed, 1);
    }

    /**
     * As {@link #evaluate(ModelLoader, Path, List, long)}, with {@code workers} batches of {@link Evaluator#BATCH} scenes
     * computed at once, each worker on its own tabletop (the model must be thread-safe, as ONNX Runtime's is): the
     * report is the one a single worker gives, scene for scene.
     */
    public static EvaluationReport evaluate(ModelLoader loader, Path model, List<Demonstration> test, long seed, int workers) {
        return evaluate(loader, model, test, seed, workers, true);
    }

    /**
     * As {@link #evaluate(ModelLoader, Path, List, long, int)}; with {@code holds} false, every completion as the
     * model writes it, nothing held (its grounding sentence to itself, L2A's copies to its grounding sentence, L2C's
     * comparison line to its words: {@link Lacy#Lacy(VisionLanguageModel, dev.lacy.core.format.PromptFormat, int,
     * boolean)}).
     */
    public static EvaluationReport evaluate(ModelLoader loader, Path model, List<Demonstration> test, long seed, int workers,
                                            boolean holds) {
        return evaluate(loader, model, test, seed, workers, holds, java.util.Optional.empty());
    }

    /**
     * As {@link #evaluate(ModelLoader, Path, List, long, int, boolean)}; with {@code clearPlace}, L2A's place points
     * also held clear of what each completion's grounding sentence lists ({@link Lacy#withClearPlaces}); nothing is held
     * without {@code holds}.
     */
    public static EvaluationReport evaluate(ModelLoader loader, Path model, List<Demonstration> test, long seed, int workers,
                                            boolean holds, java.util.Optional<ClearPlace> clearPlace) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, got " + workers);
        }
        var ref = new ModelRef(model);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            var held = new Lacy(vlm, loader.promptFormat(ref), MAX_NEW_TOKENS, holds);
            var lacy = clearPlace.map(held::withClearPlaces).orElse(held);
            Evaluator whole = TabletopEvaluation.evaluator(seed);
            List<Evaluator.L2cPair> pairs = whole.l2cPairs(test);
            ThreadLocal<Evaluator> own = ThreadLocal.withInitial(() -> TabletopEvaluation.evaluator(seed));
            ExecutorService pool = WorkerPools.daemons(workers, "evaluation");
            try {
                var batches = new ArrayList<Future<List<Evaluator.SceneResult>>>();
                for (int from = 0; from < test.size(); from += Evaluator.BATCH) {
                    int first = from;
                    int to = Math.min(test.size(), from + Evaluator.BATCH);
                    batches.add(pool.submit(() -> own.get().evaluateScenes(lacy, test.subList(first, to), first,
                            pairs.subList(first, to))));
                }
                var results = new ArrayList<Evaluator.SceneResult>(test.size());
                for (Future<List<Evaluator.SceneResult>> batch : batches) {
                    results.addAll(batch.get());
                }
                return whole.report(results);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("the evaluation of " + model + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating " + model, e);
            } finally {
                // the model is closed next: no call may outlive it
                pool.shutdownNow();
                WorkerPools.awaitEnd(pool);
            }
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
