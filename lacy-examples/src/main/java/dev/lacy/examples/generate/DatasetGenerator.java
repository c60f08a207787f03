package dev.lacy.examples.generate;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.Sample;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.spatial.Placement;
import dev.lacy.sim.tabletop.SampleRecipes;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * Generates the training, L2C, grounding and test datasets. Sample {@code i} of each dataset is a
 * pure function of the seed, the dataset and {@code i} ({@link SampleRecipes}), so the output is byte-identical from run to
 * run, samples are made in parallel and appended in order, and a run that was interrupted continues
 * where the stored datasets end without duplicating anything.
 */
public final class DatasetGenerator {

    private static final int BATCH = 64;
    private static final long PAIRS = SampleRecipes.L2C_PER_DEMONSTRATION;

    private final ScriptedDemonstrator demonstrator;
    private final DatasetStore store;

    public DatasetGenerator(ScriptedDemonstrator demonstrator, DatasetStore store) {
        this.demonstrator = demonstrator;
        this.store = store;
    }

    public GenerationSummary generate(GenerationPlan plan, ProgressListener progress) {
        long started = System.nanoTime();
        // own every dataset before reading how much of it exists: a second generator into the same directory is
        // refused here, naming this one, instead of appending the same indices again
        var planned = new java.util.LinkedHashMap<String, Long>();
        planned.put(GenerationPlan.TRAIN, (long) plan.demonstrations());
        planned.put(GenerationPlan.TRAIN_L2C, PAIRS * plan.demonstrations());
        planned.put(GenerationPlan.GROUNDING, (long) plan.grounding());
        planned.put(GenerationPlan.TEST, (long) plan.test());
        planned.put(GenerationPlan.POOL, (long) plan.pool());
        planned.forEach((dataset, count) -> {
            if (count > 0) {
                store.claim(dataset);
            }
        });
        requireNotLarger(GenerationPlan.TRAIN, plan.demonstrations());
        requireNotLarger(GenerationPlan.TRAIN_L2C, PAIRS * plan.demonstrations());
        requireNotLarger(GenerationPlan.GROUNDING, plan.grounding());
        requireNotLarger(GenerationPlan.TEST, plan.test());
        requireNotLarger(GenerationPlan.POOL, plan.pool());
        long before = existing();
        var tracker = new Tracker(progress, plan.total(), before);

        var recipes = new SampleRecipes(demonstrator, plan.seed());
        long trainFrom = Math.min(store.size(GenerationPlan.TRAIN), store.size(GenerationPlan.TRAIN_L2C) / PAIRS);
        for (long start = trainFrom; start < plan.demonstrations(); start += BATCH) {
            long end = Math.min(plan.demonstrations(), start + BATCH);
            List<Demonstration> demos = make(start, end, recipes::demonstration);
            long haveTrain = store.size(GenerationPlan.TRAIN);
            if (haveTrain < end) {
                store.append(GenerationPlan.TRAIN, demos.subList((int) (Math.max(haveTrain, start) - start), demos.size()));
            }
            var pairs = new ArrayList<ConsistencySample>((int) PAIRS * demos.size());
            for (int k = 0; k < demos.size(); k++) {
                pairs.addAll(recipes.consistencyPairs(demos.get(k), start + k));
            }
            long havePairs = store.size(GenerationPlan.TRAIN_L2C);
            store.append(GenerationPlan.TRAIN_L2C, pairs.subList((int) (havePairs - PAIRS * start), pairs.size()));
            tracker.add(existing());
        }
        fill(GenerationPlan.GROUNDING, plan.grounding(), recipes::grounding, tracker);
        fill(GenerationPlan.TEST, plan.test(), recipes::test, tracker);
        fill(GenerationPlan.POOL, plan.pool(), recipes::pool, tracker);
        return summarize(existing() - before, (System.nanoTime() - started) / 1e9);
    }

    private void fill(String dataset, long count, LongFunction<? extends Sample> make, Tracker tracker) {
        for (long start = store.size(dataset); start < count; start += BATCH) {
            store.append(dataset, make(start, Math.min(count, start + BATCH), make));
            tracker.add(existing());
        }
    }

    private static <T> List<T> make(long start, long end, LongFunction<T> make) {
        return LongStream.range(start, end).parallel().mapToObj(make).toList();
    }

    private long existing() {
        return store.size(GenerationPlan.TRAIN) + store.size(GenerationPlan.TRAIN_L2C)
                + store.size(GenerationPlan.GROUNDING) + store.size(GenerationPlan.TEST) + store.size(GenerationPlan.POOL);
    }

    private void requireNotLarger(String dataset, long planned) {
        long size = store.size(dataset);
        if (size > planned) {
            throw new IllegalArgumentException("dataset '" + dataset + "' already holds " + size
                    + " samples, more than the " + planned + " planned: generate into another directory");
        }
    }

    private GenerationSummary summarize(long generated, double seconds) {
        List<Demonstration> train = store.size(GenerationPlan.TRAIN) == 0 ? List.of()
                : store.read(GenerationPlan.TRAIN, Demonstration.class);
        var parser = new InstructionParser();
        long relative = train.stream()
                .filter(d -> parser.parse(d.instruction()).orElseThrow().placement() instanceof Placement.Relative)
                .count();
        double objects = train.stream()
                .mapToInt(d -> d.observation().groundTruth().orElseThrow().objects().size())
                .average().orElse(0);
        return new GenerationSummary(train.size(), store.size(GenerationPlan.TRAIN_L2C), store.size(GenerationPlan.GROUNDING),
                store.size(GenerationPlan.TEST), train.isEmpty() ? 0 : (double) relative / train.size(), objects,
                generated, seconds);
    }

    private static final class Tracker {
        private final ProgressListener listener;
        private final long total;
        private final long offset;

        Tracker(ProgressListener listener, long total, long offset) {
            this.listener = listener;
            this.total = total;
            this.offset = offset;
            listener.progress(offset, total);
        }

        void add(long done) {
            listener.progress(Math.max(done, offset), total);
        }
    }
}
