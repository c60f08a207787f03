package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.ImprovementPlan;
import dev.lacy.core.cycle.IterationReport;
import dev.lacy.core.cycle.SelfImprovementLoop;
import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.examples.pipeline.AugmentationRun;
import dev.lacy.examples.pipeline.Augmentations;
import dev.lacy.examples.pipeline.ModelEvaluations;
import dev.lacy.examples.pipeline.ResumableImprovement;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "improve", mixinStandardHelpOptions = true,
        description = "The self-improvement loop of the paper's section IV-D: train on k demonstrations, then each "
                + "iteration runs Algorithm 1 with the latest model, retrains from the base on the merged data and evaluates.")
final class ImproveCommand implements Callable<Integer> {


    @Option(names = "--base", required = true, paramLabel = "MODEL", description = "base model package")
    Path base;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--initial", defaultValue = "100", description = "k: demonstrations to start from (default ${DEFAULT-VALUE})")
    int initial;

    @Option(names = "--iterations", defaultValue = "3", description = "self-improvement iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--pool", description = "an instruction pool in --data ('lacy generate --pool'); each iteration runs "
            + "Algorithm 1 over its own equal share; without it, over the initial demonstrations (the paper's recipe)")
    String pool;

    @Option(names = "--budget", defaultValue = "0", description = "new triplets per iteration at most; 0 for no limit "
            + "(Figure 7 adds 100) (default ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--samples", defaultValue = "8", description = "N of Algorithm 1 (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--tau", defaultValue = "0.9", description = "tau of Algorithm 1 (default ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--vote", defaultValue = "0.5", description = "nu of Algorithm 1 (default ${DEFAULT-VALUE})")
    double vote;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where each iteration's model and Algorithm 1's triplets (accepted/iteration-N) go; a rerun resumes")
    Path out;

    @Mixin
    WorkersOption workers;

    @Mixin
    DeviceOption device;

    @Mixin
    TrainingOptions training;

    @Mixin
    JsonOutput output;

    @Mixin
    ClearPlacesOption places;

    @Override
    public Integer call() {
        OutputPaths.requireApart("--out", out, java.util.Map.of("--base", base, "--data", data));
        OutputPaths.own(out);
        var store = Adapters.store(data);
        List<Demonstration> train = store.read("train", Demonstration.class);
        List<Demonstration> start = train.subList(0, Math.min(initial, train.size()));
        // read as the trainer reaches them (each pair is stored with its own copy of its demonstration's image)
        List<ConsistencySample> pairs = store.view("train-l2c", ConsistencySample.class);
        List<Demonstration> test = store.read("test", Demonstration.class);
        var judge = new ActionJudge(SpatialThresholds.PAPER);
        var pairsMaker = new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER), judge, new InstructionTemplates());
        var plain = new SelfImprovementLoop(Adapters.trainer(training.fineTuning(TrainerSettings.DEFAULTS)),
                workers.models(device),
                new AugmentationSettings(samples, tau, vote, AugmentationSettings.DEFAULTS.sampling().withSeed(training.seed)),
                ModelEvaluations.MAX_NEW_TOKENS,
                lacy -> ModelEvaluations.evaluator(judge, pairsMaker, training.seed).evaluate(lacy, test),
                ProgressPrinter.onStderr(output.err(), "train"));
        var loop = ResumableImprovement.of(places.clearPlace().map(plain::withClearPlaces).orElse(plain),
                Adapters.stores(), out, budget, workers.count());
        List<IterationReport> reports = loop.run(new ImprovementPlan(new ModelRef(base), start, pairs, iterations,
                TrainingMode.JOINT, out, training.seed, pool == null ? List.of() : Augmentations.examples(store, pool)));
        var result = Output.object();
        var rows = result.putArray("iterations");
        var text = new StringBuilder("iteration  data  added  L2A / A2L / L2C (trials, Wilson 95 % interval); filter precision\n");
        for (IterationReport r : reports) {
            ObjectNode row = rows.addObject().put("iteration", r.iteration()).put("trainingSize", r.trainingSize())
                    .put("added", r.added()).put("model", r.model().location().toString())
                    .put("l2a", r.evaluation().l2a().percent()).put("a2l", r.evaluation().a2l().percent())
                    .put("l2c", r.evaluation().l2c().percent());
            Augmentations.score(row.putObject("l2aScore"), r.evaluation().l2a());
            Augmentations.score(row.putObject("a2lScore"), r.evaluation().a2l());
            Augmentations.score(row.putObject("l2cScore"), r.evaluation().l2c());
            // Algorithm 1's filter before this iteration, where the pool knows its scenes
            var audit = AugmentationRun.audit(out.resolve("accepted").resolve("iteration-" + r.iteration() + ".augment-progress.json"));
            audit.ifPresent(t -> Augmentations.audit(row.putObject("filter"), t));
            text.append(String.format(Locale.ROOT, "%9d %5d %6d  %s / %s / %s%s%n", r.iteration(), r.trainingSize(), r.added(),
                    r.evaluation().l2a().describe(), r.evaluation().a2l().describe(), r.evaluation().l2c().describe(),
                    audit.map(t -> "; " + Augmentations.auditText(t)).orElse("")));
        }
        output.print(result, text.toString().strip());
        return 0;
    }
}
