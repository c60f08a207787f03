package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.Adapters;
import dev.lacy.core.cycle.ConsistencyCheck;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.TaskAnswer;
import dev.lacy.core.data.Sample;
import dev.lacy.core.format.ActionFormat;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.dataset.PngCodec;
import dev.lacy.examples.pipeline.ModelEvaluations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code act}, {@code explain} and {@code verify}: one task of a model on one image, with its chain of thought. */
final class ModelCommands {

    private ModelCommands() {
    }

    /** The model and the image: a PNG file, or a sample of a dataset. */
    static final class ModelAndImage {

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model package")
        Path model;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Mixin
        DeviceOption device;

        static final class Source {
            @Option(names = "--image", paramLabel = "PNG", description = "a top-down image")
            Path image;

            @Option(names = "--sample", paramLabel = "DIR:DATASET:INDEX", description = "the image of a stored sample, e.g. data:test:0")
            String sample;
        }

        RgbImage image() {
            try {
                if (source.image != null) {
                    return PngCodec.decode(Files.readAllBytes(source.image));
                }
                String[] parts = source.sample.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("--sample must be DIR:DATASET:INDEX, not '" + source.sample + "'");
                }
                List<Sample> samples = Adapters.store(Path.of(parts[0])).read(parts[1]);
                int index = Integer.parseInt(parts[2]);
                if (index < 0 || index >= samples.size()) {
                    throw new IllegalArgumentException("--sample: dataset '" + parts[1] + "' has " + samples.size()
                            + " samples, no index " + index);
                }
                return samples.get(index).observation().image();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the image " + source.image, e);
            }
        }

        <T> T withLacy(java.util.function.BiFunction<Lacy, RgbImage, T> task) {
            RgbImage image = image();
            var loader = device.models();
            var ref = new dev.lacy.core.port.ModelRef(model);
            try (VisionLanguageModel vlm = loader.load(ref)) {
                return task.apply(new Lacy(vlm, loader.promptFormat(ref), ModelEvaluations.MAX_NEW_TOKENS), image);
            }
        }
    }

    private static String arrow(PickPlaceAction a) {
        return a.pick().format() + " -> " + a.place().format();
    }

    /**
     * A note where the action (the referents line's points) is not what the answer line after it restates
     * (docs/formats.md, "Which line is the action"); null where they agree or there is no action.
     */
    static String restatementNote(TaskAnswer<PickPlaceAction> answer) {
        if (answer.parsed().isEmpty()) {
            return null;
        }
        String raw = answer.raw().strip();
        String last = raw.substring(raw.lastIndexOf('\n') + 1);
        var restated = new ActionFormat().parse(last);
        if (last.equals(raw) || restated.isOk() && restated.orElseThrow().equals(answer.parsed().get())) {
            return null;
        }
        return "the action is the referents line's, " + arrow(answer.parsed().get()) + (restated.isOk()
                ? "; the answer line restates it as " + arrow(restated.orElseThrow())
                : "; the answer line after it does not read as an action: " + last);
    }

    private static <T> int print(JsonOutput output, String task, TaskAnswer<T> answer, String value) {
        return print(output, task, answer, value, null);
    }

    /** As {@link #print(JsonOutput, String, TaskAnswer, String)}, with {@code note} (if not null) after the text and as "note". */
    private static <T> int print(JsonOutput output, String task, TaskAnswer<T> answer, String value, String note) {
        var result = Output.object().put("task", task).put("completion", answer.raw());
        if (answer instanceof TaskAnswer.Malformed<T> malformed) {
            result.put("malformed", malformed.reason());
            output.print(result, answer.raw() + "\n(malformed: " + malformed.reason() + ")");
            return 1;
        }
        result.put("answer", value);
        String text = answer.raw();
        if (answer instanceof TaskAnswer.Answered<T> answered && answered.groundingProblem().isPresent()) {
            result.put("groundingProblem", answered.groundingProblem().get());
            text += "\n(the grounding sentence does not parse: " + answered.groundingProblem().get() + ")";
        }
        if (note != null) {
            result.put("note", note);
            text += "\n(" + note + ")";
        }
        output.print(result, text);
        return 0;
    }

    @Command(name = "act", mixinStandardHelpOptions = true, description = "L2A: the pick and place points for an instruction, with the grounding first.")
    static final class Act implements Callable<Integer> {
        @Mixin
        JsonOutput output;
        @Mixin
        ModelAndImage in;
        @Option(names = "--instruction", required = true, paramLabel = "TEXT", description = "what to do")
        String instruction;

        @Override
        public Integer call() {
            TaskAnswer<PickPlaceAction> answer = in.withLacy((lacy, image) -> lacy.l2a(image, instruction));
            return print(output, "L2A", answer, answer.parsed().map(ModelCommands::arrow).orElse(""), restatementNote(answer));
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "A2L: describe a pick-and-place action as an instruction, with the grounding first.")
    static final class Explain implements Callable<Integer> {
        @Mixin
        JsonOutput output;
        @Mixin
        ModelAndImage in;
        @Option(names = "--pick", required = true, paramLabel = "X,Y", description = "pick point, normalized image coordinates")
        Point pick;
        @Option(names = "--place", required = true, paramLabel = "X,Y", description = "place point")
        Point place;

        @Override
        public Integer call() {
            TaskAnswer<String> answer = in.withLacy((lacy, image) -> lacy.a2l(image, new PickPlaceAction(pick, place)));
            return print(output, "A2L", answer, answer.parsed().orElse(""));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "L2C: are two instructions consistent? Prints the grounding and the confidence sigmoid(z1 - z0).")
    static final class Verify implements Callable<Integer> {
        @Mixin
        JsonOutput output;
        @Mixin
        ModelAndImage in;
        @Option(names = "--first", required = true, paramLabel = "TEXT", description = "first instruction")
        String first;
        @Option(names = "--second", required = true, paramLabel = "TEXT", description = "second instruction")
        String second;

        @Override
        public Integer call() {
            ConsistencyCheck check = in.withLacy((lacy, image) -> lacy.l2c(image, first, second));
            var result = Output.object().put("task", "L2C").put("reasoning", check.reasoning())
                    .put("confidence", check.confidence()).put("consistent", check.confidence() >= 0.5);
            output.print(result, (check.reasoning().isEmpty() ? "" : check.reasoning() + "\n")
                    + String.format(Locale.ROOT, "confidence %.4f: %s", check.confidence(),
                    check.confidence() >= 0.5 ? "consistent" : "not consistent"));
            return 0;
        }
    }
}
