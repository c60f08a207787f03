package dev.lacy.examples.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The main job: from a generated dataset and a base model, train LACY-Joint, evaluate it, run one
 * round of Algorithm 1 over (part of) the training demonstrations, retrain from the base on the
 * merged data (LACY-Joint-Filter), evaluate again, and write the report. Each finished stage leaves
 * its model package behind, and a rerun reuses a stage whose package is complete.
 */
public final class Demo {

    /**
     * Sizes of one demo run: Algorithm 1 runs over an instruction pool of {@code pool} unseen (image, instruction)
     * pairs and stops once it has accepted {@code budget} triplets.
     */
    public record Profile(String name, int demonstrations, int grounding, int test, int pool, int budget, int fineTuneSteps,
                          int pretrainSteps) {
    }

    /**
     * quick: 1,000 demonstrations, 100 test scenes, a pool of 1,200 instructions with a budget of 100 triplets (about
     * one example in ten gives one), 800 fine-tuning steps per model (the trainer's default; docs/demo.md).
     */
    public static final Profile QUICK = new Profile("quick", 1000, 2000, 100, 1200, 100, 800, 1800);
    /** The paper's sizes: 8,000 grounding images, 1,000 demonstrations, 100 test scenes; a pool of 2,000. */
    public static final Profile PAPER = new Profile("paper", 1000, 8000, 100, 2000, 0, 1500, 6000);

    /** The outcome: both evaluations and what the augmentation added. */
    public record Result(EvaluationReport joint, EvaluationReport jointFilter, AugmentationRun.Summary augmentation,
                         Path report) {
    }

    private final Trainer trainer;
    private final ModelLoader loader;
    private final Consumer<String> log;
    private final TrainingListener training;
    private final BiConsumer<Long, Long> progress;
    private final int workers;

    public Demo(Trainer trainer, ModelLoader loader, Consumer<String> log, TrainingListener training,
                BiConsumer<Long, Long> progress) {
        this(trainer, loader, log, training, progress, 1);
    }

    /** As above, Algorithm 1 computing {@code workers} examples at once (the same result; {@link AugmentationRun}). */
    public Demo(Trainer trainer, ModelLoader loader, Consumer<String> log, TrainingListener training,
                BiConsumer<Long, Long> progress, int workers) {
        this.workers = workers;
        this.trainer = trainer;
        this.loader = loader;
        this.log = log;
        this.training = training;
        this.progress = progress;
    }

    public Result run(Profile profile, DatasetStore store, Path dataDir, Path out, Path shippedBase, long seed) {
        List<Demonstration> train = store.read("train", Demonstration.class);
        // read as the trainer reaches them (each pair is stored with its own copy of its demonstration's image)
        List<ConsistencySample> pairs = store.view("train-l2c", ConsistencySample.class);
        List<Demonstration> test = store.read("test", Demonstration.class);
        Path models = out.resolve("models");
        ModelRef base;
        if (shippedBase != null && complete(shippedBase)) {
            base = new ModelRef(shippedBase);
            log.accept("base model: " + shippedBase + " (shipped)");
        } else {
            Path pretrained = models.resolve("base");
            if (!complete(pretrained)) {
                log.accept("no shipped base model: pretraining one first");
                trainer.pretrain(new PretrainJob(store.read("grounding", GroundingSample.class), pretrained, seed, training));
            }
            base = new ModelRef(pretrained);
        }
        long started = System.nanoTime();
        Path joint = models.resolve("joint");
        if (!complete(joint)) {
            log.accept("training LACY-Joint on " + train.size() + " demonstrations and " + pairs.size() + " L2C pairs");
            trainer.fineTune(new FineTuneJob(base, train, pairs, TrainingMode.JOINT, joint, seed, training));
        }
        log.accept("evaluating LACY-Joint on " + test.size() + " test scenes");
        EvaluationReport jointReport = ModelEvaluations.evaluate(loader, joint, test, seed, workers);
        log.accept(line("LACY-Joint", jointReport));

        List<InstructionSample> pool = Augmentations.examples(store, "pool");
        log.accept("Algorithm 1 over an instruction pool of " + pool.size() + " unseen instructions (N = 8, tau = 0.9, nu = 0.5"
                + (profile.budget() > 0 ? ", up to " + profile.budget() + " triplets" : "") + ")");
        AugmentationRun.Summary augmentation = AugmentationRun.withModel(loader, joint, AugmentationSettings.DEFAULTS, store,
                "augmented", dataDir.resolve("augmented.augment-progress.json"), "demo pool", profile.budget(), workers, pool, progress);
        List<Demonstration> added = AugmentationRun.accepted(store, "augmented");
        log.accept("Algorithm 1 added " + added.size() + " triplets (" + augmentation.sampled() + " of " + augmentation.examples()
                + " examples sampled); " + Augmentations.auditText(augmentation.audit()));

        Path filter = models.resolve("joint-filter");
        if (added.isEmpty()) {
            // the same data, mode and seed train the same weights: LACY-Joint-Filter is LACY-Joint
            log.accept("Algorithm 1 accepted nothing: LACY-Joint-Filter trains on LACY-Joint's data and is LACY-Joint");
            filter = joint;
        } else if (!complete(filter)) {
            var merged = new ArrayList<>(train);
            merged.addAll(added);
            log.accept("training LACY-Joint-Filter from the base on " + merged.size() + " demonstrations");
            trainer.fineTune(new FineTuneJob(base, merged, pairs, TrainingMode.JOINT, filter, seed, training));
        }
        log.accept("evaluating LACY-Joint-Filter");
        EvaluationReport filterReport = ModelEvaluations.evaluate(loader, filter, test, seed, workers);
        log.accept(line("LACY-Joint-Filter", filterReport));
        double minutes = (System.nanoTime() - started) / 60e9;
        Path report = writeReport(out, profile, seed, base, train.size(), added, augmentation, jointReport, filterReport, minutes);
        return new Result(jointReport, filterReport, augmentation, report);
    }

    private boolean complete(Path model) {
        return loader.isComplete(new ModelRef(model));
    }

    private static String line(String name, EvaluationReport r) {
        return name + ": L2A " + r.l2a().describe() + ", A2L " + r.a2l().describe() + ", L2C " + r.l2c().describe();
    }

    private Path writeReport(Path out, Profile profile, long seed, ModelRef base, int trainSize, List<Demonstration> added,
                             AugmentationRun.Summary augmentation, EvaluationReport joint, EvaluationReport filter,
                             double minutes) {
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("profile", profile.name()).put("seed", seed)
                .put("base", base.location().toString()).put("demonstrations", trainSize).put("testScenes", joint.scenes())
                .put("augmentedExamples", augmentation.examples()).put("sampledExamples", augmentation.sampled())
                .put("candidates", augmentation.candidates()).put("malformedCandidates", augmentation.malformedCandidates())
                .put("addedTriplets", added.size()).put("minutesAfterBase", minutes);
        Augmentations.audit(root.putObject("filter"), augmentation.audit());
        ArrayNode rows = root.putArray("table");
        row(rows.addObject().put("method", "LACY-Joint"), joint);
        row(rows.addObject().put("method", "LACY-Joint-Filter"), filter);
        var md = new StringBuilder();
        md.append("# LACY demo report\n\n")
                .append(String.format(Locale.ROOT, "Profile `%s`, seed %d, base model `%s`; %d demonstrations, %d test scenes. "
                                + "%.1f minutes after the base model.%n%n", profile.name(), seed, base.location(), trainSize,
                        joint.scenes(), minutes))
                .append(String.format(Locale.ROOT, "Algorithm 1 over an instruction pool (unseen scenes and instructions, "
                                + "no actions): %d examples seen, %d sampled (L2C's confidence at most tau, or a greedy action that "
                                + "contradicts its own grounding), %d candidate actions of which %d malformed, %d triplets "
                                + "accepted.%n%n", augmentation.examples(),
                        augmentation.sampled(), augmentation.candidates(), augmentation.malformedCandidates(), added.size()))
                .append(Augmentations.auditText(augmentation.audit())).append(" (the judge knows each pool scene; Algorithm 1 "
                        + "does not read it).\n\n")
                .append("Success rates with their number of trials and Wilson 95 % intervals:\n\n")
                .append("| Method | L2A | A2L | L2C |\n|---|---|---|---|\n")
                .append("| LACY-Joint | " + joint.l2a().describe() + " | " + joint.a2l().describe() + " | " + joint.l2c().describe() + " |\n")
                .append("| LACY-Joint-Filter | " + filter.l2a().describe() + " | " + filter.a2l().describe() + " | "
                        + filter.l2c().describe() + " |\n\n")
                .append(gain("L2A", joint.l2a(), filter.l2a())).append(gain("A2L", joint.a2l(), filter.a2l()))
                .append(gain("L2C", joint.l2c(), filter.l2c())).append("\n")
                .append("Like the paper's Table II (its figures are for LLaVA-NeXT on its own benchmark, ours for lacy-tiny "
                        + "on the embedded simulator):\n\n")
                .append("| Method | L2A | A2L | L2C | paper L2A | paper A2L | paper L2C |\n|---|---|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| LACY-Joint | %.1f | %.1f | %.1f | 83 | 80 | 92 |%n",
                        joint.l2a().percent(), joint.a2l().percent(), joint.l2c().percent()))
                .append(String.format(Locale.ROOT, "| LACY-Joint-Filter | %.1f | %.1f | %.1f | 93 | 85 | 95 |%n%n",
                        filter.l2a().percent(), filter.a2l().percent(), filter.l2c().percent()))
                .append("![success per task](success.png)\n\n![L2C confidence](l2c-confidence.png)\n\n")
                .append("Triplets Algorithm 1 generated (pick: green ring, place: red cross):\n\n![generated data](generated.png)\n");
        try {
            Files.createDirectories(out);
            var percents = new LinkedHashMap<String, double[]>();
            percents.put("LACY-Joint", new double[] {joint.l2a().percent(), joint.a2l().percent(), joint.l2c().percent()});
            percents.put("LACY-Joint-Filter", new double[] {filter.l2a().percent(), filter.a2l().percent(), filter.l2c().percent()});
            Charts.successBars(out.resolve("success.png"), List.of("L2A", "A2L", "L2C"), percents);
            Charts.confidenceHistogram(out.resolve("l2c-confidence.png"), joint.l2cCases());
            Charts.examples(out.resolve("generated.png"), added, "Algorithm 1 accepted no triplet: of "
                    + augmentation.examples() + " examples, " + augmentation.sampled() + " were below the confidence threshold "
                    + "or contradicted by their grounding and sampled; none of their " + augmentation.candidates()
                    + " candidate actions (" + augmentation.malformedCandidates() + " malformed) both agreed with the model's "
                    + "own grounding and had a majority of consistent descriptions.");
            Files.writeString(out.resolve("report.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + out, e);
        }
        return out.resolve("report.md");
    }

    /** One line of the report: the change in a task, and whether it is outside both intervals. */
    static String gain(String task, dev.lacy.core.cycle.TaskScore before, dev.lacy.core.cycle.TaskScore after) {
        double[] b = before.wilson95();
        double[] a = after.wilson95();
        boolean separated = a[0] > b[1] || a[1] < b[0];
        return String.format(Locale.ROOT, "- %s: %+.1f points, %s.%n", task, after.percent() - before.percent(),
                separated ? "outside both 95 % intervals" : "inside the 95 % intervals: not a measured difference");
    }

    private static void row(ObjectNode node, EvaluationReport r) {
        node.put("l2a", r.l2a().percent()).put("a2l", r.a2l().percent()).put("l2c", r.l2c().percent());
    }
}
