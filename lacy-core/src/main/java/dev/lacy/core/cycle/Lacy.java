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
        return ask(LacyTask.L2A, image, format.l2aPrompt(instruction), n, decoding, actions::parse);
    }

    /** A2L with greedy decoding. */
    public TaskAnswer<String> a2l(RgbImage image, PickPlaceAction action) {
        return a2l(image, action, 1, Decoding.greedy()).get(0);
    }

    /** A2L, {@code n} completions decoded together. The answer is the instruction text. */
    public List<TaskAnswer<String>> a2l(RgbImage image, PickPlaceAction action, int n, Decoding decoding) {
        return ask(LacyTask.A2L, image, format.a2lPrompt(action), n, decoding, Lacy::nonBlank);
    }

    /**
     * L2C: with chain of thought the model first writes its reasoning greedily (the grounding
     * sentence and the comparison line, {@link dev.lacy.core.format.ComparisonFormat}); the confidence
     * is then read from the logits of {@code 1} and {@code 0} at the answer position, after the last
     * line of reasoning.
     */
    public ConsistencyCheck l2c(RgbImage image, String first, String second) {
        String prompt = format.l2cPrompt(first, second);
        String reasoning = "";
        if (format.chainOfThought()) {
            String completion = model.generate(new GenerationRequest(LacyTask.L2C, image, prompt, Decoding.greedy(), 1,
                    maxNewTokens, List.of())).get(0);
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

    private <T> List<TaskAnswer<T>> ask(LacyTask task, RgbImage image, String prompt, int n, Decoding decoding,
                                        Function<String, Parsed<T>> answerParser) {
        List<String> completions = model.generate(
                new GenerationRequest(task, image, prompt, decoding, n, maxNewTokens, List.of()));
        if (completions.size() != n) {
            throw new IllegalStateException("the model returned " + completions.size() + " completions for "
                    + n + " samples");
        }
        return completions.stream().map(raw -> answer(raw, answerParser)).toList();
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
