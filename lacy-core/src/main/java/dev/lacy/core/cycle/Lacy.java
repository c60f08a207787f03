package dev.lacy.core.cycle;

import dev.lacy.core.format.ActionFormat;
import dev.lacy.core.format.ConsistencyFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.format.TaskCompletion;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.List;
import java.util.function.Function;

/**
 * The three LACY tasks over one model: L2A (instruction to action), A2L (action to instruction)
 * and L2C (are two instructions consistent, with a confidence). Thread-safe when the model is.
 */
public final class Lacy {

    private final VisionLanguageModel model;
    private final PromptFormat format;
    private final int maxNewTokens;
    private final ActionFormat actions = new ActionFormat();

    public Lacy(VisionLanguageModel model, PromptFormat format, int maxNewTokens) {
        if (model == null || format == null) {
            throw new IllegalArgumentException("Lacy needs a model and a prompt format");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens " + maxNewTokens + " must be >= 1");
        }
        this.model = model;
        this.format = format;
        this.maxNewTokens = maxNewTokens;
    }

    public PromptFormat format() {
        return format;
    }

    /** L2A with greedy decoding. */
    public TaskAnswer<PickPlaceAction> l2a(RgbImage image, String instruction) {
        return l2a(image, instruction, 1, Decoding.greedy()).get(0);
    }

    /** L2A, {@code n} completions decoded together. */
    public List<TaskAnswer<PickPlaceAction>> l2a(RgbImage image, String instruction, int n, Decoding decoding) {
        return l2a(image, instruction, n, decoding, "");
    }

    /**
     * L2A, {@code n} completions decoded together after {@code reasoning}, a given start of every
     * completion (the grounding sentence and its newline, {@link #groundingOf}): the model writes only
     * what follows it, and each answer's raw text starts with it.
     */
    public List<TaskAnswer<PickPlaceAction>> l2a(RgbImage image, String instruction, int n, Decoding decoding,
                                                 String reasoning) {
        return ask(LacyTask.L2A, image, format.l2aPrompt(instruction), reasoning, n, decoding, actions::parse);
    }

    /** A2L with greedy decoding. */
    public TaskAnswer<String> a2l(RgbImage image, PickPlaceAction action) {
        return a2l(image, action, 1, Decoding.greedy()).get(0);
    }

    /** A2L, {@code n} completions decoded together. The answer is the instruction text. */
    public List<TaskAnswer<String>> a2l(RgbImage image, PickPlaceAction action, int n, Decoding decoding) {
        return a2l(image, action, n, decoding, "");
    }

    /** A2L, {@code n} completions decoded together after {@code reasoning}, as {@link #l2a(RgbImage, String, int, Decoding, String)}. */
    public List<TaskAnswer<String>> a2l(RgbImage image, PickPlaceAction action, int n, Decoding decoding, String reasoning) {
        return ask(LacyTask.A2L, image, format.a2lPrompt(action), reasoning, n, decoding, Lacy::nonBlank);
    }

    /**
     * The given start of a completion that an answer's grounding sentence makes: its first line and
     * the newline, to pass as {@code reasoning} to the other tasks over the same image (with chain of
     * thought the grounding sentence is a function of the image alone). Empty without chain of thought
     * or when the raw text has no line break.
     */
    public String groundingOf(TaskAnswer<?> answer) {
        if (!format.chainOfThought()) {
            return "";
        }
        String raw = answer.raw().stripLeading();
        int end = raw.indexOf(format.reasoningEnd());
        return end <= 0 ? "" : raw.substring(0, end + format.reasoningEnd().length());
    }

    /**
     * L2C: with chain of thought the model first writes its reasoning greedily (the grounding
     * sentence and the comparison line, {@link dev.lacy.core.format.ComparisonFormat}); the confidence
     * is then read from the logits of {@code 1} and {@code 0} at the answer position, after the last
     * line of reasoning.
     */
    public ConsistencyCheck l2c(RgbImage image, String first, String second) {
        return l2c(image, first, second, "");
    }

    /**
     * The reasoning before an answer: its raw text up to and including the last line break (the grounding
     * sentence and, for L2A, the referents line). Empty without chain of thought or without a line break.
     */
    public String reasoningOf(TaskAnswer<?> answer) {
        if (!format.chainOfThought()) {
            return "";
        }
        String raw = answer.raw().strip();
        int last = raw.lastIndexOf(format.reasoningEnd());
        return last <= 0 ? "" : raw.substring(0, last + format.reasoningEnd().length());
    }

    /** L2C with its reasoning continued greedily after {@code given} (a grounding sentence, {@link #groundingOf}). */
    public ConsistencyCheck l2c(RgbImage image, String first, String second, String given) {
        String prompt = format.l2cPrompt(first, second);
        String reasoning = "";
        if (format.chainOfThought()) {
            String completion = given + model.generate(new GenerationRequest(LacyTask.L2C, image, prompt + given,
                    Decoding.greedy(), 1, maxNewTokens, List.of())).get(0);
            // the answer follows the last line of reasoning (the grounding sentence, then the comparison line
            // of packages trained with it); a completion without a newline is all reasoning
            String end = format.reasoningEnd();
            int last = completion.lastIndexOf(end);
            reasoning = last < 0 ? completion + end : completion.substring(0, last + end.length());
        }
        var logits = model.scoreBinaryChoice(new BinaryChoiceRequest(LacyTask.L2C, image, prompt + reasoning,
                ConsistencyFormat.CONSISTENT, ConsistencyFormat.INCONSISTENT));
        return new ConsistencyCheck(logits, reasoning.strip());
    }

    private <T> List<TaskAnswer<T>> ask(LacyTask task, RgbImage image, String prompt, String reasoning, int n,
                                        Decoding decoding, Function<String, Parsed<T>> answerParser) {
        if (reasoning == null) {
            throw new IllegalArgumentException("reasoning must be a text, empty for none");
        }
        List<String> completions = model.generate(
                new GenerationRequest(task, image, prompt + reasoning, decoding, n, maxNewTokens, List.of()));
        if (completions.size() != n) {
            throw new IllegalStateException("the model returned " + completions.size() + " completions for "
                    + n + " samples");
        }
        return completions.stream().map(raw -> answer(reasoning + raw, answerParser)).toList();
    }

    private <T> TaskAnswer<T> answer(String raw, Function<String, Parsed<T>> answerParser) {
        Parsed<TaskCompletion> split = format.split(raw);
        if (split instanceof Parsed.Failure<TaskCompletion> failure) {
            return new TaskAnswer.Malformed<>(raw, failure.reason());
        }
        TaskCompletion completion = split.orElseThrow();
        Parsed<T> value = answerParser.apply(completion.answer());
        if (value instanceof Parsed.Failure<T> failure) {
            return new TaskAnswer.Malformed<>(raw, failure.reason());
        }
        return new TaskAnswer.Answered<>(value.orElseThrow(), completion.grounding(), raw, completion.groundingProblem());
    }

    private static Parsed<String> nonBlank(String answer) {
        return answer.isBlank() ? Parsed.failure("the description is empty") : Parsed.ok(answer);
    }
}
