package dev.lacy.examples.cli;

import dev.lacy.core.format.ClearPlace;
import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.cycle.EvaluationReport;
import dev.lacy.core.cycle.GroundingScore;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.dataset.AtomicFiles;
import dev.lacy.examples.pipeline.Augmentations;
import dev.lacy.examples.pipeline.GroundingEvaluation;
import dev.lacy.examples.pipeline.ModelEvaluations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model package on the test scenes: L2A and A2L success as the judge sees them, L2C "
                + "accuracy on one consistent and one inconsistent pair per scene.")
final class EvalCommand implements Callable<Integer> {


    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--dataset", defaultValue = "test", description = "test dataset (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--limit", description = "evaluate only the first N scenes")
    Integer limit;

    @Mixin
    DeviceOption device;

    @Mixin
    WorkersOption workers;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the L2C pairs (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--grounding", description = "evaluate object grounding instead (the CoT step; what base pretraining teaches) and the "
            + "pretraining captions' lookups (\"Where is the X?\", \"What is at (x,y)?\")")
    boolean grounding;

    @Mixin
    JsonOutput output;

    @Option(names = "--raw-copies", description = "score the completions as the model writes them: every grounding "
            + "sentence without holding it to itself (\"A grounding sentence held to itself\"), L2A's without holding "
            + "the centers its referents line copies to its own grounding sentence (docs/formats.md, \"Grounded copies\"), "
            + "L2C's without holding its comparison line's verdicts to their words or continuing a line that stops at the "
            + "targets (\"The comparison line held to its own words\")")
    boolean rawCopies;

    @Mixin
    ClearPlacesOption places;

    @Option(names = "--misses", paramLabel = "FILE", description = "write every L2A, A2L and L2C miss to FILE, one JSON object a "
            + "line: the task, the scene's index, the instruction; for L2A the reason, what the judge or the arm said, and the "
            + "completion; for A2L the demonstrated action (pick, place), the reason, what the parser or the judge said, and "
            + "the completion (the instruction is the one demonstrated: any description the judge accepts counts); for L2C the "
            + "pair's other instruction, whether the two are consistent, the confidence and the reasoning. "
            + "With --grounding: every scene whose grounding sentence does not name exactly its objects, with the names expected, "
            + "the names written and the sentence")
    Path misses;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit " + limit + " must be >= 0");
        }
        Optional<ClearPlace> clearPlace = places.clearPlace();
        if (clearPlace.isPresent() && rawCopies) {
            throw new IllegalArgumentException("--clear-places holds L2A's place points and --raw-copies holds nothing: give one of them");
        }
        List<Demonstration> test = Adapters.store(data).read(dataset, Demonstration.class);
        if (limit != null) {
            test = test.subList(0, Math.min(limit, test.size()));
        }
        long started = System.nanoTime();
        if (grounding) {
            GroundingEvaluation.Result g = GroundingEvaluation.evaluate(device.models(), model, test, !rawCopies);
            if (misses != null) {
                var lines = new StringBuilder();
                for (GroundingEvaluation.Miss miss : g.misses()) {
                    var line = Output.object().put("task", "grounding").put("scene", miss.scene()).put("malformed", miss.malformed());
                    var expected = line.putArray("expected");
                    miss.expected().forEach(expected::add);
                    var written = line.putArray("written");
                    miss.written().forEach(written::add);
                    lines.append(line.put("sentence", miss.sentence())).append('\n');
                }
                AtomicFiles.write(misses, lines.toString().getBytes(StandardCharsets.UTF_8));
            }
            output.print(Output.object().put("model", model.toString())
                            .put("scenes", g.scenes()).put("exactScenes", g.exactScenes())
                            .put("objectsWithinFootprint", g.objectsWithinFootprint()).put("meanError", g.meanError())
                            .put("malformed", g.malformed()).put("whereInside", g.whereInside()).put("whatRight", g.whatRight())
                            .put("whatAtPickRight", g.whatAtPickRight()).put("askRight", g.askRight())
                            .put("askPlaceRight", g.askPlaceRight()).put("askMoved", g.askMoved()).put("askMovedRight", g.askMovedRight())
                            .put("rawCopies", rawCopies),
                    String.format(Locale.ROOT, "%s grounding on %d scenes: %.1f %% name exactly the objects, %.1f %% of objects "
                                    + "placed within their footprint, mean center error %.3f, %d malformed; \"Where is the X?\" "
                                    + "inside X %.1f %%, \"What is at (x,y)?\" right %.1f %% (at the test pick point %.1f %%), \"What does the "
                                    + "instruction ask for?\" right %.1f %%, its place point right %.1f %% (%d of the %d where the "
                                    + "obvious point is taken)", model, g.scenes(),
                            100 * g.exactScenes(), 100 * g.objectsWithinFootprint(), g.meanError(), g.malformed(),
                            100 * g.whereInside(), 100 * g.whatRight(), 100 * g.whatAtPickRight(), 100 * g.askRight(),
                            100 * g.askPlaceRight(), g.askMovedRight(), g.askMoved()));
            return 0;
        }
        EvaluationReport report = ModelEvaluations.evaluate(workers.models(device), model, test, seed, workers.count(), !rawCopies,
                clearPlace);
        double seconds = (System.nanoTime() - started) / 1e9;
        var result = Output.object().put("model", model.toString())
                .put("scenes", report.scenes()).put("l2a", report.l2a().percent()).put("a2l", report.a2l().percent())
                .put("l2c", report.l2c().percent()).put("seconds", seconds)
                .put("rawCopies", rawCopies).put("clearPlaces", clearPlace.isPresent());
        // every rate with its trials and Wilson 95 % interval
        var scores = result.putObject("scores");
        Augmentations.score(scores.putObject("l2a"), report.l2a());
        Augmentations.score(scores.putObject("a2l"), report.a2l());
        Augmentations.score(scores.putObject("l2c"), report.l2c());
        // executed on the embedded arm: how often the named object was grasped, and grasped and placed where the judge accepts
        report.pick().ifPresent(pick -> result.put("pick", pick.percent()));
        report.pickAndPlace().ifPresent(placed -> result.put("pickAndPlace", placed.percent()));
        // why each L2A miss missed: the judge's reason, a malformed completion, or the execution on the arm
        var failures = result.putObject("l2aFailures");
        report.l2aFailures().forEach(failures::put);
        var a2lFailures = result.putObject("a2lFailures");
        report.a2lFailures().forEach(a2lFailures::put);
        String missed = counted("L2A", report.l2aFailures()) + counted("A2L", report.a2lFailures());
        if (misses != null) {
            var lines = new StringBuilder();
            for (EvaluationReport.L2aMiss miss : report.l2aMisses()) {
                lines.append(Output.object().put("task", "L2A").put("scene", miss.scene()).put("instruction", miss.instruction())
                        .put("reason", miss.reason()).put("detail", miss.detail()).put("completion", miss.completion())).append('\n');
            }
            for (EvaluationReport.A2lMiss miss : report.a2lMisses()) {
                var line = Output.object().put("task", "A2L").put("scene", miss.scene());
                PickPlaceAction action = test.get(miss.scene()).action();
                line.putArray("pick").add(action.pick().x()).add(action.pick().y());
                line.putArray("place").add(action.place().x()).add(action.place().y());
                lines.append(line.put("instruction", miss.instruction()).put("reason", miss.reason())
                        .put("detail", miss.detail()).put("completion", miss.completion())).append('\n');
            }
            for (EvaluationReport.L2cMiss miss : report.l2cMisses()) {
                lines.append(Output.object().put("task", "L2C").put("scene", miss.scene()).put("instruction", miss.instruction())
                        .put("other", miss.other()).put("consistent", miss.consistent()).put("confidence", miss.confidence())
                        .put("reasoning", miss.reasoning())).append('\n');
            }
            AtomicFiles.write(misses, lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        // the grounding sentence each L2A chain of thought opens with, against the scene: the grounding the model acts on
        String grounded = "";
        if (report.l2aGrounding().isPresent()) {
            GroundingScore g = report.l2aGrounding().get();
            var groundingScores = result.putObject("l2aGrounding");
            Augmentations.score(groundingScores.putObject("exactScenes"), g.exactScenes());
            Augmentations.score(groundingScores.putObject("objectsWithinFootprint"), g.objectsWithinFootprint());
            grounded = "; L2A's grounding sentence names exactly the objects in " + g.exactScenes().describe()
                    + ", places objects within their footprint " + g.objectsWithinFootprint().describe();
        }
        output.print(result,
                String.format(Locale.ROOT, "%s on %d scenes: L2A %s, A2L %s, L2C %s (%.0f s)%s%s", model,
                        report.scenes(), report.l2a().describe(), report.a2l().describe(), report.l2c().describe(), seconds,
                        missed, grounded));
        return 0;
    }

    /** {@code "; L2A misses: wrong object 3, malformed 1"}, or nothing without misses. */
    private static String counted(String task, java.util.Map<String, Integer> failures) {
        return failures.isEmpty() ? "" : failures.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "; " + task + " misses: ", ""));
    }
}
