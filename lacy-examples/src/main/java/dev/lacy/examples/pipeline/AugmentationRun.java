package dev.lacy.examples.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.AugmentationStep;
import dev.lacy.core.cycle.FilterAudit;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.core.util.WorkerPools;
import dev.lacy.dataset.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Algorithm 1 over a list of examples, written as it goes and resumable after a crash: each example's
 * accepted triplets are appended in one atomic step, then a small progress file records how many
 * examples are done, how many samples the output held after them, and the counts so far. A rerun reads
 * both: if the output holds more samples than the progress file says, the crash came between the two
 * writes, and the example whose triplets are there counts as done (its counts are taken again). Sampling
 * is seeded per example index, so an example done again gives the same triplets: the result equals an
 * uninterrupted run's.
 *
 * <p>The progress file also names the job (the caller's description of model, data and settings): a rerun
 * with another job is refused instead of continuing the old counts. With a {@code budget}, the run stops
 * after the example that brings the output to that many triplets (Figure 7 adds 100 per iteration).
 * Where examples know their scene, each step is audited by the judge ({@link FilterAudit}) for measurement.
 */
public final class AugmentationRun {

    /** Counts of one run (this invocation and the ones before it). */
    public record Summary(int examples, int sampled, long added, int candidates, int malformedCandidates,
                          int malformedDescriptions, int resumedAt, FilterAudit.Tally audit) {
    }

    /**
     * Examples whose deterministic passes are computed together ({@link ActiveAugmenter#augmentAll}): a few large model
     * calls instead of three per example. Fixed, so that a run's steps do not depend on how it is run or resumed.
     */
    public static final int BATCH = 8;

    private final ActiveAugmenter augmenter;
    private final DatasetStore store;
    private final String output;
    private final Path progressFile;
    private final String job;
    private final int budget;
    private final int workers;
    private final FilterAudit audit = new FilterAudit(new ActionJudge(SpatialThresholds.PAPER));

    public AugmentationRun(ActiveAugmenter augmenter, DatasetStore store, String output, Path progressFile) {
        this(augmenter, store, output, progressFile, "", 0);
    }

    /**
     * @param job    what makes this run the same job as the one that wrote the progress file (model, data,
     *               settings), compared on resume; the settings are always part of it
     * @param budget stop once the output holds this many triplets; 0 for no limit
     */
    public AugmentationRun(ActiveAugmenter augmenter, DatasetStore store, String output, Path progressFile, String job,
                           int budget) {
        this(augmenter, store, output, progressFile, job, budget, 1);
    }

    /**
     * As {@link #AugmentationRun(ActiveAugmenter, DatasetStore, String, Path, String, int)}, with {@code workers}
     * batches of {@link #BATCH} examples computed at once (the model must be thread-safe, as ONNX Runtime's is). Each
     * example's sampling is seeded by its index, its batch is fixed by its index, and results are kept in example
     * order, so the output, the counts and where a budget stops are those of one worker; workers are not part of the
     * job.
     */
    public AugmentationRun(ActiveAugmenter augmenter, DatasetStore store, String output, Path progressFile, String job,
                           int budget, int workers) {
        if (budget < 0) {
            throw new IllegalArgumentException("the budget " + budget + " must be >= 0 (0: no limit)");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, got " + workers);
        }
        this.workers = workers;
        this.augmenter = augmenter;
        this.store = store;
        this.output = output;
        this.progressFile = progressFile;
        this.job = job + " " + augmenter.settings();
        this.budget = budget;
    }

    /**
     * Algorithm 1 with {@code settings} and the model package at {@code model} over {@code examples},
     * appending to {@code output} and resuming from {@code progressFile}, as {@link #run} does.
     */
    public static Summary withModel(ModelLoader loader, Path model, AugmentationSettings settings, DatasetStore store,
                                    String output, Path progressFile, String job, int budget,
                                    List<InstructionSample> examples, BiConsumer<Long, Long> progress) {
        return withModel(loader, model, settings, store, output, progressFile, job, budget, 1, examples, progress);
    }

    /** As the method above, {@code workers} examples at once ({@link #AugmentationRun(ActiveAugmenter, DatasetStore, String, Path, String, int, int)}). */
    public static Summary withModel(ModelLoader loader, Path model, AugmentationSettings settings, DatasetStore store,
                                    String output, Path progressFile, String job, int budget, int workers,
                                    List<InstructionSample> examples, BiConsumer<Long, Long> progress) {
        return withModel(loader, model, settings, store, output, progressFile, job, budget, workers, Optional.empty(),
                examples, progress);
    }

    /**
     * As the method above, with every sampled action's place point held clear of what its completion's grounding
     * sentence lists where {@code clearPlace} is given ({@link Lacy#withClearPlaces}); the job says so, so that a run
     * is not resumed with the other.
     */
    public static Summary withModel(ModelLoader loader, Path model, AugmentationSettings settings, DatasetStore store,
                                    String output, Path progressFile, String job, int budget, int workers,
                                    Optional<ClearPlace> clearPlace, List<InstructionSample> examples,
                                    BiConsumer<Long, Long> progress) {
        var ref = new ModelRef(model);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            var held = new Lacy(vlm, loader.promptFormat(ref), ModelEvaluations.MAX_NEW_TOKENS);
            var lacy = clearPlace.map(held::withClearPlaces).orElse(held);
            return new AugmentationRun(new ActiveAugmenter(lacy, settings), store, output, progressFile,
                    "model " + model.toAbsolutePath().normalize() + " " + job + (clearPlace.isPresent() ? " clear places" : ""),
                    budget, workers).run(examples, progress);
        }
    }

    /** Every triplet the dataset {@code output} holds; none where it does not exist yet. */
    public static List<Demonstration> accepted(DatasetStore store, String output) {
        return store.size(output) == 0 ? List.of() : store.read(output, Demonstration.class);
    }

    /** The examples a list of demonstrations gives Algorithm 1 (their actions are not read). */
    private static List<InstructionSample> instructions(List<Demonstration> demonstrations) {
        return demonstrations.stream().map(InstructionSample::of).toList();
    }

    /** Algorithm 1 over demonstrations' observations and instructions. */
    public Summary runOnDemonstrations(List<Demonstration> dataset, BiConsumer<Long, Long> progress) {
        return run(instructions(dataset), progress);
    }

    public Summary run(List<InstructionSample> examples, BiConsumer<Long, Long> progress) {
        store.claim(output);
        Progress p = readProgress();
        long stored = store.size(output);
        int start = p.done;
        boolean redo = false;
        if (stored > p.stored) {
            // the crash came after the append and before the progress file: that example is done, its counts are not
            start = p.done;
            redo = true;
        } else if (stored < p.stored) {
            throw new IllegalStateException(progressFile + " says the dataset '" + output + "' held " + p.stored
                    + " samples, it holds " + stored + ": they do not belong together");
        }
        if (start > examples.size()) {
            throw new IllegalStateException(progressFile + " records " + start + " examples done of " + examples.size()
                    + ": it belongs to another dataset");
        }
        Progress current = p;
        var ahead = new Lookahead(examples, workers);
        try {
            for (int i = start; i < examples.size() && (budget == 0 || current.stored < budget || (redo && i == start)); i++) {
                AugmentationStep step = ahead.step(i);
                boolean appended = redo && i == start;
                if (!appended && !step.accepted().isEmpty()) {
                    store.append(output, step.accepted());
                }
                current = current.after(step, audit.audit(examples.get(i), step), store.size(output));
                writeProgress(current);
                progress.accept((long) i + 1, (long) examples.size());
            }
        } finally {
            ahead.close();
        }
        return new Summary(current.done, current.audit.sampled(), store.size(output), current.candidates,
                current.malformedCandidates, current.malformedDescriptions, start, current.audit);
    }

    /**
     * Examples computed in fixed batches of {@link #BATCH} ({@code [0, BATCH)}, {@code [BATCH, 2 BATCH)}, ... whatever
     * example a run starts or resumes at, so that each example is always computed in the same batch), each batch by
     * {@link ActiveAugmenter#augmentAll}; with several workers, up to {@code workers} batches ahead of the one being kept
     * are computed at once. Batches past a budget are computed and dropped.
     */
    private final class Lookahead implements AutoCloseable {
        private final List<InstructionSample> examples;
        private final java.util.concurrent.ExecutorService pool;
        private final java.util.Map<Integer, java.util.concurrent.Future<List<AugmentationStep>>> pending = new java.util.HashMap<>();
        private final int workers;
        private int next = -1;

        Lookahead(List<InstructionSample> examples, int workers) {
            this.examples = examples;
            this.workers = workers;
            this.pool = WorkerPools.daemons(workers, "algorithm-1");
        }

        AugmentationStep step(int index) {
            int batch = index / BATCH;
            int batches = (examples.size() + BATCH - 1) / BATCH;
            next = Math.max(next, batch);
            while (next < batches && next <= batch + workers) {
                int from = next++ * BATCH;
                int to = Math.min(examples.size(), from + BATCH);
                pending.put(from / BATCH, pool.submit(() -> augmenter.augmentAll(examples.subList(from, to), from)));
            }
            try {
                List<AugmentationStep> steps = pending.get(batch).get();
                if (index == batch * BATCH + steps.size() - 1) {
                    pending.remove(batch);
                }
                return steps.get(index - batch * BATCH);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Algorithm 1 failed on examples " + batch * BATCH + " to "
                        + Math.min(examples.size(), (batch + 1) * BATCH) + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Algorithm 1 ran example " + index, e);
            }
        }

        /**
         * Drops the batches computed ahead and waits for the ones running to end: the caller closes the model next, and
         * a model call must not outlive it.
         */
        @Override
        public void close() {
            pending.values().forEach(f -> f.cancel(false));
            pool.shutdown();
            WorkerPools.awaitEnd(pool);
        }
    }

    private record Progress(int done, long stored, int candidates, int malformedCandidates, int malformedDescriptions,
                            FilterAudit.Tally audit) {

        Progress after(AugmentationStep step, FilterAudit.Tally tally, long nowStored) {
            return new Progress(done + 1, nowStored, candidates + step.candidates(),
                    malformedCandidates + step.malformedCandidates(), malformedDescriptions + step.malformedDescriptions(),
                    audit.plus(tally));
        }
    }

    /** The counts a progress file holds (empty when there is none), whatever job wrote it. */
    public static java.util.Optional<FilterAudit.Tally> audit(Path progressFile) {
        if (!Files.exists(progressFile)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(progressFile.toFile());
            return java.util.Optional.of(tally(node));
        } catch (IOException e) {
            throw new UncheckedIOException(progressFile + " is not a progress file of 'lacy augment'", e);
        }
    }

    private static FilterAudit.Tally tally(JsonNode node) {
        int[] t = new int[TALLY.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = node.path("audit").path(TALLY[k]).asInt();
        }
        return FilterAudit.Tally.of(t);
    }

    private static final String[] TALLY = {"examples", "judged", "sampled", "accepted", "acceptedJudged", "acceptedRight",
        "rejectedJudged", "rejectedRight", "greedyRight", "sampledJudged", "sampledGreedyRight", "confidentGreedyRight"};

    private Progress readProgress() {
        if (!Files.exists(progressFile)) {
            return new Progress(0, 0, 0, 0, 0, FilterAudit.Tally.NONE);
        }
        try {
            JsonNode node = new ObjectMapper().readTree(progressFile.toFile());
            String recorded = node.path("job").asText("");
            if (!recorded.equals(job)) {
                throw new IllegalStateException(progressFile + " belongs to another Algorithm 1 job: it ran '" + recorded
                        + "', this is '" + job + "'; write to another output or remove it and '" + output + "'");
            }
            return new Progress(node.path("done").asInt(-1), node.path("stored").asLong(-1), node.path("candidates").asInt(),
                    node.path("malformedCandidates").asInt(), node.path("malformedDescriptions").asInt(), tally(node));
        } catch (IOException e) {
            throw new UncheckedIOException(progressFile + " is not a progress file of 'lacy augment'", e);
        }
    }

    private void writeProgress(Progress p) {
        try {
            Files.createDirectories(progressFile.toAbsolutePath().getParent());
            ObjectNode node = new ObjectMapper().createObjectNode().put("job", job).put("done", p.done).put("stored", p.stored)
                    .put("candidates", p.candidates).put("malformedCandidates", p.malformedCandidates)
                    .put("malformedDescriptions", p.malformedDescriptions);
            ObjectNode audit = node.putObject("audit");
            int[] values = p.audit.counts();
            for (int k = 0; k < values.length; k++) {
                audit.put(TALLY[k], values[k]);
            }
            AtomicFiles.write(progressFile, node.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + progressFile + ": " + e, e);
        }
    }
}
