package dev.lacy.examples.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.FilterAudit;
import dev.lacy.core.cycle.ImprovementPlan;
import dev.lacy.core.cycle.IterationReport;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.SelfImprovementLoop;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code lacy reproduce}: the analogues of the paper's Tables I to III and Figure 7 on the embedded
 * simulator, each row trained from the same base model and evaluated on the same test scenes, with
 * the paper's figures in adjacent columns. Every model package is kept; a rerun reuses the finished ones.
 */
public final class Reproduction {

    /**
     * Data sizes: the large and the ablation training sets, the self-improvement start and iterations, the instruction
     * pool Algorithm 1 runs over (unseen scenes and instructions, the dataset {@code pool}) and its budget of new
     * triplets per run (0: no limit).
     */
    public record Sizes(String name, int large, int ablation, int improvementStart, int iterations, int pool, int budget) {
    }

    public static final Sizes QUICK = new Sizes("quick", 400, 200, 50, 3, 300, 25);
    /** The paper's sizes; Figure 7 adds 100 triplets per iteration, and so does Table II's LACY-Joint-Filter here. */
    public static final Sizes PAPER = new Sizes("paper", 4000, 1000, 100, 3, 2000, 100);

    /** The dataset that LACY-Joint-Filter's triplets from Algorithm 1 are appended to. */
    static final String AUGMENTED = "reproduce-augmented";

    private record Row(String table, String method, EvaluationReport ours, String paper) {
    }

    private record FigureRow(String model, int iteration, int trainingSize, int added, EvaluationReport ours,
                             Optional<FilterAudit.Tally> filter) {
    }

    private final Trainer trainer;
    private final ModelLoader loader;
    private final DatasetStores stores;
    private final int workers;
    private final Consumer<String> log;
    private final TrainingListener listener;
    private final ActionJudge judge = new ActionJudge(SpatialThresholds.PAPER);
    private final ConsistencyPairs pairs = new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER), judge,
            new InstructionTemplates());

    public Reproduction(Trainer trainer, ModelLoader loader, DatasetStores stores, Consumer<String> log,
                        TrainingListener listener) {
        this(trainer, loader, stores, log, listener, 1);
    }

    /** As above, Algorithm 1 computing {@code workers} examples at once (the same result; {@link AugmentationRun}). */
    public Reproduction(Trainer trainer, ModelLoader loader, DatasetStores stores, Consumer<String> log,
                        TrainingListener listener, int workers) {
        this.workers = workers;
        this.trainer = trainer;
        this.loader = loader;
        this.stores = stores;
        this.log = log;
        this.listener = listener;
    }

    public Path run(Sizes sizes, DatasetStore store, ModelRef base, Path out, long seed) {
        List<Demonstration> train = store.read("train", Demonstration.class);
        // read as the trainer reaches them: eight pairs a demonstration, each stored with its own copy of the image, held
        // at once would be 32,000 decoded images (4.8 GB) in the paper profile
        List<ConsistencySample> consistency = store.view("train-l2c", ConsistencySample.class);
        List<Demonstration> test = store.read("test", Demonstration.class);
        if (train.size() < sizes.large()) {
            throw new IllegalArgumentException("the dataset 'train' has " + train.size() + " demonstrations; the " + sizes.name()
                    + " profile needs " + sizes.large());
        }
        Path models = out.resolve("models");
        var rows = new ArrayList<Row>();
        List<Demonstration> large = train.subList(0, sizes.large());
        List<Demonstration> ablation = train.subList(0, sizes.ablation());
        // the pairs of demonstrations 0 to n - 1: the generator writes each demonstration's pairs together, in its order
        // (eight a demonstration; four in data of generator version 2, two in version 1)
        int pairsPerDemonstration = Math.max(1, consistency.size() / train.size());
        List<ConsistencySample> largePairs = consistency.subList(0, Math.min(consistency.size(), pairsPerDemonstration * sizes.large()));
        List<ConsistencySample> ablationPairs = consistency.subList(0, Math.min(consistency.size(),
                pairsPerDemonstration * sizes.ablation()));

        rows.add(new Row("I", "lacy-tiny base, no LoRA (LLaVA-NeXT base)", evaluate(base.location(), test, false), "6 / 6 / 50"));
        Path joint4k = train(base, large, largePairs, TrainingMode.JOINT, models.resolve("joint-large"), seed);
        rows.add(new Row("I", "LACY-Joint, " + sizes.large() + " demos, true objects given (GPT-4o w/ Grounding)",
                evaluate(joint4k, test, true), "90 / 39 / 8"));
        rows.add(new Row("I", "LACY-Joint, " + sizes.large() + " demos (LACY 4k)", evaluate(joint4k, test, false), "95 / 76 / 95"));

        Path ind = train(base, ablation, ablationPairs, TrainingMode.INDEPENDENT, models.resolve("ind"), seed);
        Path joint = train(base, ablation, ablationPairs, TrainingMode.JOINT, models.resolve("joint"), seed);
        EvaluationReport jointReport = evaluate(joint, test, false);
        rows.add(new Row("II", "LACY-Ind", evaluate(ind, test, false), "78 / 78 / 92"));
        rows.add(new Row("II", "LACY-Joint", jointReport, "83 / 80 / 92"));
        Path filter = models.resolve("joint-filter");
        Path progressFile = out.resolve(AUGMENTED + ".augment-progress.json");
        if (!complete(filter)) {
            // over the unseen instruction pool, up to the budget, as the demo does; written as it goes and resumed
            // after a crash, as `lacy augment` does
            List<InstructionSample> pool = Augmentations.examples(store, "pool");
            AugmentationRun.Summary summary = AugmentationRun.withModel(loader, joint, AugmentationSettings.DEFAULTS, store,
                    AUGMENTED, progressFile, "reproduce pool", sizes.budget(), workers, pool, (done, total) -> {
                        if (done % 100 == 0 || done.equals(total)) {
                            log.accept("Algorithm 1: " + done + " of " + total + " examples");
                        }
                    });
            List<Demonstration> added = AugmentationRun.accepted(store, AUGMENTED);
            log.accept("Algorithm 1 added " + added.size() + " triplets for LACY-Joint-Filter (" + summary.sampled()
                    + " of " + summary.examples() + " pool examples sampled); " + Augmentations.auditText(summary.audit()));
            if (added.isEmpty()) {
                // the same data, mode and seed train the same weights
                filter = joint;
            } else {
                var merged = new ArrayList<>(ablation);
                merged.addAll(added);
                train(base, merged, ablationPairs, TrainingMode.JOINT, filter, seed);
            }
        }
        rows.add(new Row("II", "LACY-Joint-Filter", evaluate(filter, test, false), "93 / 85 / 95"));
        Path noncot = train(base, ablation, ablationPairs, TrainingMode.NON_COT, models.resolve("noncot"), seed);
        rows.add(new Row("III", "LACY-non-CoT", evaluate(noncot, test, false), "52 / 43 / 84"));
        rows.add(new Row("III", "LACY-CoT", jointReport, "83 / 80 / 92"));

        var tableTwoFilter = AugmentationRun.audit(progressFile);

        var figure = new ArrayList<FigureRow>();
        for (int n = 0; n <= sizes.iterations(); n++) {
            int count = sizes.improvementStart() * (n + 1);
            Path model = train(base, train.subList(0, count), ablationPairs, TrainingMode.JOINT, models.resolve("fig7-joint-" + n), seed);
            figure.add(new FigureRow("LACY-Joint", n, count, 0, evaluate(model, test, false), Optional.empty()));
        }
        Path loopDirectory = models.resolve("fig7-filter");
        List<IterationReport> loop = ResumableImprovement.of(new SelfImprovementLoop(trainer, loader, AugmentationSettings.DEFAULTS, ModelEvaluations.MAX_NEW_TOKENS,
                lacy -> ModelEvaluations.evaluator(judge, pairs, seed).evaluate(lacy, test), listener), stores, loopDirectory, sizes.budget(), workers)
                .run(new ImprovementPlan(base, train.subList(0, sizes.improvementStart()), ablationPairs, sizes.iterations(),
                        TrainingMode.JOINT, loopDirectory, seed, Augmentations.examples(store, "pool")));
        for (IterationReport r : loop) {
            figure.add(new FigureRow("LACY-Joint-Filter", r.iteration(), r.trainingSize(), r.added(), r.evaluation(),
                    AugmentationRun.audit(loopDirectory.resolve("accepted").resolve("iteration-" + r.iteration() + ".augment-progress.json"))));
        }
        return write(out, sizes, seed, base, test.size(), rows, tableTwoFilter, figure);
    }

    private Path train(ModelRef base, List<Demonstration> demos, List<ConsistencySample> consistency, TrainingMode mode,
                       Path output, long seed) {
        if (!complete(output)) {
            log.accept("training " + output.getFileName() + " (" + mode + ", " + demos.size() + " demonstrations)");
            trainer.fineTune(new FineTuneJob(base, demos, consistency, mode, output, seed, listener));
        }
        return output;
    }

    private EvaluationReport evaluate(Path model, List<Demonstration> test, boolean oracle) {
        log.accept("evaluating " + model.getFileName() + (oracle ? " with the true objects given" : ""));
        var ref = new ModelRef(model);
        var format = loader.promptFormat(ref);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            VisionLanguageModel used = vlm;
            if (oracle) {
                Map<RgbImage, Scene> scenes = new IdentityHashMap<>();
                test.forEach(d -> scenes.put(d.observation().image(), d.observation().groundTruth().orElseThrow()));
                used = new OracleGroundingModel(vlm, format, scenes);
            }
            return ModelEvaluations.evaluator(judge, pairs, 7).evaluate(new Lacy(used, format, ModelEvaluations.MAX_NEW_TOKENS), test);
        }
    }

    private boolean complete(Path model) {
        return loader.isComplete(new ModelRef(model));
    }

    private static String percent(EvaluationReport r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.l2a().percent(), r.a2l().percent(), r.l2c().percent());
    }

    private static String cells(EvaluationReport r) {
        return r.l2a().describe() + " | " + r.a2l().describe() + " | " + r.l2c().describe();
    }

    private static void scores(ObjectNode node, EvaluationReport r) {
        node.put("l2a", r.l2a().percent()).put("a2l", r.a2l().percent()).put("l2c", r.l2c().percent());
        Augmentations.score(node.putObject("l2aScore"), r.l2a());
        Augmentations.score(node.putObject("a2lScore"), r.a2l());
        Augmentations.score(node.putObject("l2cScore"), r.l2c());
    }

    private Path write(Path out, Sizes sizes, long seed, ModelRef base, int testScenes, List<Row> rows,
                       Optional<FilterAudit.Tally> tableTwoFilter, List<FigureRow> figure) {
        var md = new StringBuilder("# LACY reproduction report\n\n").append(String.format(Locale.ROOT,
                "Profile `%s`, seed %d, base model `%s`, %d test scenes; %d demonstrations for the large model, %d for the "
                        + "ablations, self-improvement from %d over %d iterations. Algorithm 1 runs over an instruction pool of %d "
                        + "unseen scenes and instructions (no actions), up to %d triplets per run. Ours: lacy-tiny on the embedded "
                        + "simulator; the paper's: LLaVA-NeXT on its benchmark. Success rates are L2A, A2L and L2C with their "
                        + "number of trials and Wilson 95 %% intervals; the paper's column is L2A / A2L / L2C in %%.%n",
                sizes.name(), seed, base.location(), testScenes, sizes.large(), sizes.ablation(), sizes.improvementStart(),
                sizes.iterations(), sizes.pool(), sizes.budget()));
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("profile", sizes.name()).put("seed", seed)
                .put("base", base.location().toString()).put("testScenes", testScenes).put("pool", sizes.pool())
                .put("budget", sizes.budget());
        ArrayNode tableRows = root.putArray("tables");
        String current = "";
        for (Row row : rows) {
            if (!row.table().equals(current)) {
                current = row.table();
                md.append("\n## Table ").append(current).append("\n\n| Method | L2A | A2L | L2C | paper |\n|---|---|---|---|---|\n");
            }
            md.append("| ").append(row.method()).append(" | ").append(cells(row.ours())).append(" | ").append(row.paper()).append(" |\n");
            ObjectNode node = tableRows.addObject().put("table", row.table()).put("method", row.method());
            scores(node, row.ours());
            node.put("paper", row.paper());
            if (row.method().equals("LACY-Joint-Filter")) {
                tableTwoFilter.ifPresent(t -> Augmentations.audit(node.putObject("filter"), t));
            }
        }
        tableTwoFilter.ifPresent(t -> md.append("\nLACY-Joint-Filter's triplets: ").append(Augmentations.auditText(t))
                .append(" (the judge knows each pool scene; Algorithm 1 does not read it).\n"));
        md.append("\n## Figure 7 (self-improvement; the paper's values are in its Figure 7)\n\n")
                .append("| Model | iteration | training data | added | L2A | A2L | L2C | filter precision |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        ArrayNode figureRows = root.putArray("figure7");
        for (FigureRow f : figure) {
            String precision = f.filter().filter(t -> t.judged() > 0).map(t -> t.precision().describe()).orElse("");
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s |%n", f.model(), f.iteration(), f.trainingSize(),
                    f.added(), cells(f.ours()), precision));
            ObjectNode node = figureRows.addObject().put("model", f.model()).put("iteration", f.iteration())
                    .put("trainingSize", f.trainingSize()).put("added", f.added()).put("result", percent(f.ours()));
            scores(node, f.ours());
            f.filter().ifPresent(t -> Augmentations.audit(node.putObject("filter"), t));
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("reproduce.md"), md.toString(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("reproduce.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + out, e);
        }
        return out.resolve("reproduce.md");
    }
}
