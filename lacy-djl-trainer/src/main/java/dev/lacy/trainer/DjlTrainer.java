package dev.lacy.trainer;

import dev.lacy.core.format.PretrainingCaptions;
import ai.djl.ndarray.NDManager;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingMode;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Direction;
import dev.lacy.core.spatial.GridCell;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.onnx.writer.ModelPackageWriter;
import dev.lacy.onnx.writer.OnnxAdapterWriter;
import dev.lacy.onnx.tiny.TinyLlavaParameters;
import dev.lacy.onnx.tiny.TinyLlavaConfig;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The {@link Trainer} on DJL's PyTorch engine: base pretraining of lacy-tiny from nothing (every
 * weight, plus dense detection-style supervision of the image tokens), then LoRA fine-tuning on L2A,
 * A2L and L2C as the paper's variants (Joint, Independent, non-CoT) or a full fine-tune, each
 * written as a model package the ONNX runtime opens. Checkpoints live beside the output
 * ({@code <output>.checkpoint-<stage>}) and are deleted once the package is written.
 */
public final class DjlTrainer implements Trainer {

    private final TrainerSettings settings;

    public DjlTrainer(TrainerSettings settings) {
        this.settings = settings;
        PyTorchEngine.configure();
    }

    public TrainerSettings settings() {
        return settings;
    }

    @Override
    public ModelRef pretrain(PretrainJob job) {
        var names = new TreeSet<String>();
        job.samples().forEach(s -> s.observation().groundTruth().orElseThrow().objects()
                .forEach(o -> names.add(o.name())));
        // continuing: the base's weights, sizes and vocabulary; otherwise random weights of the settings' sizes
        Path from = job.from().map(ModelRef::location).orElse(null);
        // a base taught the pick phrases keeps them when continued
        boolean pickPhrases = job.pickPhrases() || (from != null && pickPhrases(from));
        PromptFormat format = LacyPromptFormat.withChainOfThought().withPickPhrases(pickPhrases);
        var corpus = new ArrayList<>(templateCorpus(format));
        var random = new SplittableRandom(job.seed());
        TinyLlavaWeights start = from == null ? null : TinyLlavaPackages.read(from);
        try (LacyTokenizer tokenizer = from == null ? LacyTokenizer.build(corpus, names) : LacyTokenizer.read(tokenizerJson(from));
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            if (from != null) {
                requireNames(tokenizer, names, from);
            }
            TinyLlavaConfig config = start == null ? settings.config(tokenizer.size()) : start.config();
            var classes = List.copyOf(names);
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, classes);
            for (GroundingSample sample : job.samples()) {
                data.addPretraining(sample, format, random);
            }
            checkLengths(data, config);
            try (var network = new TinyLlavaNetwork(manager, start == null ? TinyLlavaWeights.random(config, job.seed()) : start,
                    classes.size() + 1, job.seed())) {
                if (start == null) {
                    network.factorTextMix(settings.textMixRank(), job.seed());
                } else if (settings.textMixRank() > 0) {
                    // the exported product of a factored pretraining goes back into that form (left whole if it cannot)
                    network.refactorTextMix(settings.textMixRank());
                }
                // a continuation checkpoints apart from a run from nothing, and apart from one from another base (its
                // manifest holds the digest of every file)
                Path checkpoint = checkpoint(job.output(), from == null ? "base" : "base-from-"
                        + Integer.toHexString(java.util.Arrays.hashCode(baseFile(from, "lacy-model.json", "manifest"))));
                new TrainingRun("pretrain", network, data, data.examples(), settings.pretraining(), true, tokenizer,
                        job.seed(), checkpoint, job.listener()).run();
                TinyLlavaPackages.write(job.output(), "lacy-tiny base", NetworkExport.weights(network), tokenizer.json(), tokenizer.size(),
                        new ModelPackageWriter().pickPhrases(pickPhrases), true);
                deleteQuietly(checkpoint);
            }
        }
        return new ModelRef(job.output());
    }

    /** Whether the base at {@code base} was taught the pick phrases (its manifest's {@code pickPhrases}, false if absent). */
    static boolean pickPhrases(Path base) {
        // read here, not through the runtime's ModelPackage: the trainer uses only the ONNX writers (architecture rules)
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(baseFile(base, "lacy-model.json", "manifest"))
                    .path("pickPhrases").asBoolean(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base model's manifest in " + base, e);
        }
    }

    /** The tokenizer of the model package at {@code base}. */
    private static byte[] tokenizerJson(Path base) {
        return baseFile(base, "tokenizer.json", "tokenizer");
    }

    /** The file {@code name} of the model package at {@code base}, as stored; {@code what} names it in the error. */
    private static byte[] baseFile(Path base, String name, String what) {
        try {
            return Files.readAllBytes(base.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base model's " + what + " in " + base, e);
        }
    }

    /**
     * Every object name of the grounding data must be one of the base's tokens: the dense supervision and the grounding
     * sentences name objects by them, and a name the base never had would be spelt out letter by letter.
     */
    private static void requireNames(LacyTokenizer tokenizer, java.util.Collection<String> names, Path base) {
        var unknown = names.stream().filter(name -> !tokenizer.has(name) || !tokenizer.has(" " + name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(base + ": the base model's vocabulary lacks the object names " + unknown
                    + " of the grounding data; pretrain a new base from nothing for a new catalogue");
        }
    }

    @Override
    public ModelRef fineTune(FineTuneJob job) {
        Path base = job.base().location();
        // a base with a narrower window is widened for the adapters (docs/experiments/2026-11-trainer-design.md, "A wider window for the adapters")
        TinyLlavaWeights weights = TinyLlavaParameters.withTextWindow(TinyLlavaPackages.read(base), settings.adapterTextWindow());
        byte[] tokenizerJson = tokenizerJson(base);
        boolean chainOfThought = job.mode() != TrainingMode.NON_COT;
        // the lines the base was taught: its fine-tunes write them too
        boolean pickPhrases = chainOfThought && pickPhrases(base);
        // the comparison line's version for this much data (TrainerSettings.comparisonLineFor); the manifest says which
        int comparisonLine = chainOfThought ? settings.comparisonLineFor(job.demonstrations().size()) : 1;
        PromptFormat format = chainOfThought ? LacyPromptFormat.withChainOfThought().withPickPhrases(pickPhrases)
                .withComparisonLine(comparisonLine) : LacyPromptFormat.withoutChainOfThought();
        try (LacyTokenizer tokenizer = LacyTokenizer.read(tokenizerJson);
             NDManager manager = NDManager.newBaseManager(PyTorchEngine.device(), "PyTorch")) {
            TinyLlavaConfig config = weights.config();
            if (config.vocab() != tokenizer.size()) {
                throw new IllegalArgumentException(base + ": the model has " + config.vocab() + " tokens, its tokenizer "
                        + tokenizer.size());
            }
            var data = new TrainingExamples(config.imageSize(), config.grid(), tokenizer, List.of());
            data.addAll(job.demonstrations(), job.consistency(), format, Runtime.getRuntime().availableProcessors());
            checkLengths(data, config);
            List<TrainingExamples.Example> examples = data.balanced();
            // more demonstrations, more steps (TrainerSettings.fineTuningFor)
            StageSettings stage = settings.fineTuningFor(job.demonstrations().size());
            // each task grounds in its own completion: continuing from the base's sentence instead (the manifest's
            // groundFirst) grounds more exactly, and measured cost each task a few tenths of a point (docs/trainer.md,
            // "Grounding first")
            var writer = new ModelPackageWriter().pickPhrases(pickPhrases).comparisonLine(comparisonLine);
            try (var network = new TinyLlavaNetwork(manager, weights, 1, job.seed())) {
                // a window map pretrained in factored form is fine-tuned (frozen, or trained by FULL) in that form again
                network.refactorTextMix(config.hidden() / 2);
                TinyLlavaWeights exportedBase = weights;
                switch (job.mode()) {
                    case JOINT, NON_COT -> {
                        String adapter = job.mode() == TrainingMode.JOINT ? "joint" : "noncot";
                        trainAdapter(network, data, examples, stage, tokenizer, job, adapter, writer);
                        for (LacyTask task : List.of(LacyTask.L2A, LacyTask.A2L, LacyTask.L2C)) {
                            writer.task(task, adapter);
                        }
                    }
                    case INDEPENDENT -> {
                        int total = examples.size();
                        for (LacyTask task : List.of(LacyTask.L2A, LacyTask.A2L, LacyTask.L2C)) {
                            var own = examples.stream().filter(e -> e.task() == task).toList();
                            if (own.isEmpty()) {
                                continue;
                            }
                            // the same number of passes over each task's data as Joint makes over all of it
                            int steps = Math.max(1, (int) Math.round((double) stage.steps() * own.size() / total));
                            String adapter = task.name().toLowerCase(java.util.Locale.ROOT);
                            trainAdapter(network, data, own, stage.withSteps(steps), tokenizer, job, adapter, writer);
                            writer.task(task, adapter);
                        }
                    }
                    case FULL -> {
                        Path checkpoint = checkpoint(job.output(), "full");
                        new TrainingRun("full", network, data, examples, stage, true, tokenizer,
                                job.seed(), checkpoint, job.listener()).run();
                        exportedBase = NetworkExport.weights(network);
                        deleteQuietly(checkpoint);
                    }
                    default -> throw new IllegalArgumentException("unknown mode " + job.mode());
                }
                TinyLlavaPackages.write(job.output(), "lacy-tiny " + job.mode().name().toLowerCase(java.util.Locale.ROOT),
                        exportedBase, tokenizer.json(), tokenizer.size(), writer, chainOfThought);
                for (String adapter : List.of("joint", "noncot", "l2a", "a2l", "l2c")) {
                    deleteQuietly(checkpoint(job.output(), adapter));
                }
            }
        }
        return new ModelRef(job.output());
    }

    private void trainAdapter(TinyLlavaNetwork network, TrainingExamples data, List<TrainingExamples.Example> examples,
                              StageSettings stage, LacyTokenizer tokenizer, FineTuneJob job, String adapter,
                              ModelPackageWriter writer) {
        network.addLora(settings.loraTargets(), settings.loraRank(), settings.loraAlpha(), job.seed());
        new TrainingRun(adapter, network, data, examples, stage, false, tokenizer, job.seed(),
                checkpoint(job.output(), adapter), job.listener()).run();
        writeAdapter(network, adapter, writer);
    }

    /**
     * The network's adapter as package files: the decoder's LoRA pairs, and with a text window the
     * change to its map as the embedding graph's adapter ({@code text_mix.lora_A} the change,
     * {@code text_mix.lora_B} the identity).
     */
    static void writeAdapter(TinyLlavaNetwork network, String adapter, ModelPackageWriter writer) {
        var adapterWriter = new OnnxAdapterWriter();
        for (Map.Entry<String, float[]> p : NetworkExport.lora(network).entrySet()) {
            long[] dims = network.loraParameters().get(p.getKey()).getShape().getShape();
            adapterWriter.parameter(p.getKey(), dims, p.getValue());
        }
        writer.adapter(adapter, adapterWriter.write(1, 1));
        Map<String, float[]> window = NetworkExport.windowDelta(network);
        if (!window.isEmpty()) {
            int rows = network.config().textMixRows();
            int hidden = network.config().hidden();
            var embeddingWriter = new OnnxAdapterWriter();
            embeddingWriter.parameter(TinyLlavaParameters.loraA(TinyLlavaParameters.TEXT_MIX), new long[] {rows, hidden},
                    window.get(TinyLlavaParameters.loraA(TinyLlavaParameters.TEXT_MIX)));
            embeddingWriter.parameter(TinyLlavaParameters.loraB(TinyLlavaParameters.TEXT_MIX), new long[] {hidden, hidden},
                    window.get(TinyLlavaParameters.loraB(TinyLlavaParameters.TEXT_MIX)));
            writer.embeddingAdapter(adapter, embeddingWriter.write(1, 1));
        }
    }

    private static void checkLengths(TrainingExamples data, TinyLlavaConfig config) {
        int room = config.maxPositions() - config.imageTokens();
        for (TrainingExamples.Example e : data.examples()) {
            if (e.ids().length > room) {
                throw new IllegalArgumentException("a " + e.task() + " training sequence has " + e.ids().length
                        + " tokens; with " + config.imageTokens() + " image tokens the model's " + config.maxPositions()
                        + " positions leave room for " + room);
            }
        }
    }

    /** Texts that hold every word of the prompts, templates and answers, for the vocabulary. */
    static List<String> templateCorpus(PromptFormat format) {
        var texts = new ArrayList<String>();
        var templates = new InstructionTemplates();
        var instructions = new ArrayList<String>();
        for (GridCell cell : GridCell.values()) {
            instructions.addAll(templates.variants(new Instruction("x", new Placement.Absolute(cell))));
        }
        for (Direction direction : Direction.values()) {
            instructions.addAll(templates.variants(new Instruction("x", new Placement.Relative(direction, "y"))));
        }
        texts.addAll(instructions);
        var action = new PickPlaceAction(new Point(0.5, 0.5), new Point(0.25, 0.75));
        texts.add(format.groundingPrompt());
        texts.add(format.l2aPrompt(instructions.get(0)));
        texts.add(format.a2lPrompt(action));
        texts.add(format.l2cPrompt(instructions.get(0), instructions.get(1)));
        var scene = new dev.lacy.core.scene.Scene(List.of(new SceneObject("x", new Point(0.3, 0.3), 0.05),
                new SceneObject("y", new Point(0.7, 0.7), 0.05)));
        // both kinds of referents line: a cell, and a direction from the other object; and with pick phrases, one for each
        // pick verb, and A2L's line naming the object at the pick point
        texts.add(format.l2aTarget(scene, instructions.get(0), action));
        for (String verb : InstructionTemplates.PICK_VERBS) {
            texts.add(format.l2aTarget(scene, verb + instructions.get(0).substring("Pick".length()), action));
        }
        texts.add(format.a2lTarget(scene, new PickPlaceAction(scene.objects().get(0).center(), new Point(0.25, 0.75)),
                instructions.get(0)));
        texts.add(format.l2aTarget(scene, templates.canonical(new Instruction("x", new Placement.Relative(Direction.LEFT, "y"))),
                action));
        texts.add(format.l2cTarget(scene, instructions.get(0), instructions.get(1), true));
        texts.add(PretrainingCaptions.whereAnswer(scene, scene.objects().get(0)));
        texts.add(PretrainingCaptions.askPrompt(instructions.get(0)));
        texts.add("There is 1 object in the image: x at (0.500,0.500).");
        texts.add("Where is the x? What is at (0.500,0.500)? The x.");
        return texts;
    }

    static Path checkpoint(Path output, String stage) {
        Path absolute = output.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".checkpoint-" + stage);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover checkpoint is named by the next run that finds it (its fingerprint ties it to this run)
        }
    }
}
