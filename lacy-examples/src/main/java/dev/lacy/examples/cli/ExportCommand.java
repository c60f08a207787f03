package dev.lacy.examples.cli;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.dataset.FileDatasetStore;
import dev.lacy.dataset.LlavaExporter;
import dev.lacy.dataset.StoredSample;
import dev.lacy.trainer.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lacy export}: datasets as LLaVA / LLaVA-NeXT conversation JSON, to fine-tune a real model on our data. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export datasets to the conversation JSON of LLaVA / LLaVA-NeXT fine-tuning scripts.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory written by 'lacy generate'")
    Path data;

    @Option(names = "--datasets", split = ",", defaultValue = "train,train-l2c",
            description = "datasets to export, comma-separated (default ${DEFAULT-VALUE})")
    List<String> datasets;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSON file to write")
    Path out;

    @Option(names = "--no-cot", description = "answers without the grounding step (the non-CoT ablation)")
    boolean noCot;

    @Option(names = "--pick-phrases", description = "the reasoning in the instructions' own pick phrases (the "
            + "referents line's 'Grab the lemon', A2L's line naming the object at the pick point; docs/formats.md, "
            + "\"Pick phrases\"); not with --no-cot")
    boolean pickPhrases;

    @Option(names = "--comparison-line", paramLabel = "VERSION", description = "the L2C comparison line's version: 3 (the "
            + "default, what lacy train teaches from 4,000 demonstrations: a cell against a direction by where the cell's "
            + "places near the reference lie), 1 (by cells, as lacy train teaches below 4,000) or 2 (by the reference's half "
            + "of its cell); the package of a model fine-tuned on "
            + "the export says it in its manifest's comparisonLine (docs/formats.md)")
    Integer comparisonLine;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        var inputs = new java.util.LinkedHashMap<String, Path>();
        for (String dataset : datasets) {
            inputs.put("--datasets " + dataset, new FileDatasetStore(data).directory(dataset));
        }
        OutputPaths.requireApart("--out", out, inputs);
        OutputPaths.requireFile("--out", out);
        var store = new FileDatasetStore(data);
        if (noCot && pickPhrases) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pick-phrases are lines of the chain of "
                    + "thought: not with --no-cot");
        }
        if (noCot && comparisonLine != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--comparison-line: the comparison line is a line "
                    + "of the chain of thought: not with --no-cot");
        }
        int version = noCot ? 1 : comparisonLine == null
                ? TrainerSettings.DEFAULTS.comparisonLineFor(Integer.MAX_VALUE) : comparisonLine;
        LacyPromptFormat format;
        try {
            format = noCot ? LacyPromptFormat.withoutChainOfThought()
                    : LacyPromptFormat.withChainOfThought().withComparisonLine(version);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--comparison-line: " + e.getMessage());
        }
        var exporter = new LlavaExporter(format.withPickPhrases(pickPhrases));
        var stored = new LinkedHashMap<String, List<StoredSample>>();
        var counts = new ArrayList<String>();
        for (String dataset : datasets) {
            stored.put(dataset, store.readStored(dataset));
            counts.add(dataset + " (" + stored.get(dataset).size() + ")");
        }
        int records = exporter.export(stored, out);
        var result = Output.object().put("out", out.toString()).put("records", records).put("chainOfThought", !noCot)
                .put("pickPhrases", pickPhrases).put("comparisonLine", version);
        output.print(result,
                "wrote " + records + " conversations from " + String.join(", ", counts) + " to " + out);
        return 0;
    }
}
