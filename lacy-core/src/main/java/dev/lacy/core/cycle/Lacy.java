package dev.lacy.core.cycle;

import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.format.ConsistencyFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.format.TaskCompletion;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
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
    /**
     * The new-token budget of every command and job: enough for a grounding sentence of eight objects and an answer.
     */
    public static final int STANDARD_MAX_NEW_TOKENS = 200;

    private final int maxNewTokens;
    private final boolean holds;
    /** Where L2A place points are held clear; null for none. */
    private final ClearPlace clearPlace;

    /**
     * The tasks over {@code model}, every grounding sentence held to itself ({@link PromptFormat#groundingHeld}), L2A's
     * copies to its grounding sentence ({@link PromptFormat#groundedCopy}) and L2C's comparison line to its own words
     * ({@link PromptFormat#comparisonHeld}).
     */
    public Lacy(VisionLanguageModel model, PromptFormat format, int maxNewTokens) {
        this(model, format, maxNewTokens, true);
    }

    /**
     * As {@link #Lacy(VisionLanguageModel, PromptFormat, int)}; with {@code holds} false, every completion as the
     * model writes it (what the model alone does, for measuring it: {@code lacy eval --raw-copies}).
     */
    public Lacy(VisionLanguageModel model, PromptFormat format, int maxNewTokens, boolean holds) {
        if (model == null || format == null) {
            throw new IllegalArgumentException("Lacy needs a model and a prompt format");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens " + maxNewTokens + " must be >= 1");
        }
        this.model = model;
        this.format = format;
        this.maxNewTokens = maxNewTokens;
        this.holds = holds;
        this.clearPlace = null;
    }

    private Lacy(Lacy lacy, ClearPlace clearPlace) {
        this.model = lacy.model;
        this.format = lacy.format;
        this.maxNewTokens = lacy.maxNewTokens;
        this.holds = lacy.holds;
        this.clearPlace = clearPlace;
    }

    /**
     * These tasks with every L2A place point also held clear of what the completion's own grounding sentence lists
     * ({@link ClearPlace}, after the copies are held), wherever L2A is asked; nothing changes for a Lacy that holds
     * nothing ({@code holds} false: the model alone).
     */
    public Lacy withClearPlaces(ClearPlace hold) {
        if (hold == null) {
            throw new IllegalArgumentException("withClearPlaces needs a ClearPlace");
        }
        return new Lacy(this, hold);
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
        return ask(LacyTask.L2A, image, format.l2aPrompt(instruction), reasoning, n, decoding, format::l2aAction);
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
        return ask(LacyTask.A2L, image, format.a2lPrompt(action), reasoning, n, decoding, Lacy::description);
    }

    /**
     * A2L for several actions, {@code n} completions of each with its own decoding, after {@code reasoning}: one
     * {@link VisionLanguageModel#generateAll} call, each action's answers as its own call would give them.
     */
    public List<List<TaskAnswer<String>>> a2l(RgbImage image, List<PickPlaceAction> actions, int n, List<Decoding> decodings,
                                              String reasoning) {
        if (actions.size() != decodings.size()) {
            throw new IllegalArgumentException(actions.size() + " actions but " + decodings.size() + " decodings");
        }
        String given = givens(List.of(image), List.of(reasoning)).get(0);
        var requests = new java.util.ArrayList<GenerationRequest>();
        for (int i = 0; i < actions.size(); i++) {
            requests.add(new GenerationRequest(LacyTask.A2L, image, format.a2lPrompt(actions.get(i)) + given, decodings.get(i),
                    n, maxNewTokens, List.of()));
        }
        return askAll(requests, java.util.Collections.nCopies(requests.size(), given), Lacy::description);
    }

    /**
     * L2C of each of {@code seconds} against {@code first}, each as {@link #l2c(RgbImage, String, String, String)} gives
     * it, computed together: the reasonings in one {@link VisionLanguageModel#generateAll}, the verdicts in one
     * {@link VisionLanguageModel#scoreAll}.
     */
    public List<ConsistencyCheck> l2c(RgbImage image, String first, List<String> seconds, String given) {
        int n = seconds.size();
        return l2cAll(java.util.Collections.nCopies(n, image), java.util.Collections.nCopies(n, first), seconds,
                java.util.Collections.nCopies(n, given));
    }

    /**
     * L2C of several pairs, each over its own image and after its own given start ({@link #groundingOf}; empty for none),
     * each as {@link #l2c(RgbImage, String, String, String)} gives it, computed together: the reasonings in one
     * {@link VisionLanguageModel#generateAll}, the verdicts in one {@link VisionLanguageModel#scoreAll}.
     */
    public List<ConsistencyCheck> l2cAll(List<RgbImage> images, List<String> firsts, List<String> seconds, List<String> given) {
        int n = sameSizes(images.size(), firsts.size(), seconds.size(), given.size());
        List<String> givens = givens(images, given);
        var prompts = new java.util.ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            prompts.add(format.l2cPrompt(firsts.get(i), seconds.get(i)));
        }
        var reasonings = new java.util.ArrayList<String>(java.util.Collections.nCopies(n, ""));
        if (format.chainOfThought() && n > 0) {
            var requests = new java.util.ArrayList<GenerationRequest>(n);
            for (int i = 0; i < n; i++) {
                requests.add(new GenerationRequest(LacyTask.L2C, images.get(i), prompts.get(i) + givens.get(i), Decoding.greedy(), 1,
                        maxNewTokens, List.of()));
            }
            List<List<String>> completions = heldToFormat(requests, givens, model.generateAll(requests));
            for (int i = 0; i < n; i++) {
                reasonings.set(i, reasoningBeforeTheAnswer(givens.get(i) + completions.get(i).get(0)));
            }
        }
        var scores = new java.util.ArrayList<BinaryChoiceRequest>(n);
        for (int i = 0; i < n; i++) {
            scores.add(new BinaryChoiceRequest(LacyTask.L2C, images.get(i), prompts.get(i) + reasonings.get(i),
                    ConsistencyFormat.CONSISTENT, ConsistencyFormat.INCONSISTENT));
        }
        List<BinaryLogits> logits = scores.isEmpty() ? List.of() : model.scoreAll(scores);
        var checks = new java.util.ArrayList<ConsistencyCheck>(n);
        for (int i = 0; i < n; i++) {
            checks.add(new ConsistencyCheck(logits.get(i), reasonings.get(i).strip()));
        }
        return List.copyOf(checks);
    }

    /**
     * L2A with greedy decoding over several images and instructions, in one {@link VisionLanguageModel#generateAll}
     * call, each answer as {@link #l2a(RgbImage, String)} gives it.
     */
    public List<TaskAnswer<PickPlaceAction>> l2aAll(List<RgbImage> images, List<String> instructions) {
        return l2aAll(images, instructions, java.util.Collections.nCopies(images.size(), ""));
    }

    /** As {@link #l2aAll(List, List)}, each completion after its own given start ({@link #groundingOf}; empty for none). */
    public List<TaskAnswer<PickPlaceAction>> l2aAll(List<RgbImage> images, List<String> instructions, List<String> given) {
        int n = sameSizes(images.size(), instructions.size(), given.size());
        List<String> givens = givens(images, given);
        var requests = new java.util.ArrayList<GenerationRequest>(n);
        for (int i = 0; i < n; i++) {
            requests.add(new GenerationRequest(LacyTask.L2A, images.get(i), format.l2aPrompt(instructions.get(i)) + givens.get(i),
                    Decoding.greedy(), 1, maxNewTokens, List.of()));
        }
        return askAll(requests, givens, format::l2aAction).stream().map(a -> a.get(0)).toList();
    }

    /**
     * The given start of every task over each image: with a format that {@link PromptFormat#groundsFirst grounds first},
     * the grounding sentence the model gives to the grounding prompt and its newline ({@link #ground}), each image once;
     * otherwise empty (each task writes its own). Pass them to the {@code ...All} calls over the same images to ground
     * once for all tasks.
     */
    public List<String> groundings(List<RgbImage> images) {
        return givens(images, java.util.Collections.nCopies(images.size(), ""));
    }

    /**
     * The grounding sentence of each image and its newline, from {@link PromptFormat#groundingPrompt} (task {@link
     * LacyTask#GROUNDING}, which a package's adapters leave to the base model unless it maps one to it), greedily, in one
     * {@link VisionLanguageModel#generateAll} call; an image given twice (the same object) is grounded once. Needs
     * chain of thought.
     */
    public List<String> ground(List<RgbImage> images) {
        if (!format.chainOfThought()) {
            throw new IllegalStateException("a format without chain of thought has no grounding sentence to give");
        }
        var distinct = new java.util.IdentityHashMap<RgbImage, Integer>();
        var requests = new java.util.ArrayList<GenerationRequest>();
        for (RgbImage image : images) {
            distinct.computeIfAbsent(image, i -> {
                requests.add(new GenerationRequest(LacyTask.GROUNDING, i, format.groundingPrompt(), Decoding.greedy(), 1,
                        maxNewTokens, List.of(format.reasoningEnd())));
                return requests.size() - 1;
            });
        }
        List<List<String>> completions = requests.isEmpty() ? List.of()
                : heldToFormat(requests, java.util.Collections.nCopies(requests.size(), ""), model.generateAll(requests));
        var sentences = new java.util.ArrayList<String>(images.size());
        for (RgbImage image : images) {
            // the model stops before the line break; a model that does not is cut there all the same
            String sentence = GenerationRequest.beforeStop(completions.get(distinct.get(image)).get(0),
                    List.of(format.reasoningEnd()));
            sentences.add(sentence.strip() + format.reasoningEnd());
        }
        return List.copyOf(sentences);
    }

    /** {@code given} with each empty start filled by {@link #ground} where the format grounds first; as it is otherwise. */
    private List<String> givens(List<RgbImage> images, List<String> given) {
        if (!format.groundsFirst() || given.stream().noneMatch(String::isEmpty)) {
            return given;
        }
        var missing = new java.util.ArrayList<RgbImage>();
        for (int i = 0; i < images.size(); i++) {
            if (given.get(i).isEmpty()) {
                missing.add(images.get(i));
            }
        }
        java.util.Iterator<String> grounded = ground(missing).iterator();
        var filled = new java.util.ArrayList<String>(given.size());
        for (String g : given) {
            filled.add(g.isEmpty() ? grounded.next() : g);
        }
        return List.copyOf(filled);
    }

    /**
     * A2L with greedy decoding of several actions, each over its own image and after its own given start ({@link
     * #groundingOf}; empty for none), in one {@link VisionLanguageModel#generateAll} call, each answer as {@link
     * #a2l(RgbImage, PickPlaceAction, int, Decoding, String)} gives it.
     */
    public List<TaskAnswer<String>> a2lAll(List<RgbImage> images, List<PickPlaceAction> actions, List<String> given) {
        int n = sameSizes(images.size(), actions.size(), given.size());
        List<String> givens = givens(images, given);
        var requests = new java.util.ArrayList<GenerationRequest>(n);
        for (int i = 0; i < n; i++) {
            requests.add(new GenerationRequest(LacyTask.A2L, images.get(i), format.a2lPrompt(actions.get(i)) + givens.get(i),
                    Decoding.greedy(), 1, maxNewTokens, List.of()));
        }
        return askAll(requests, givens, Lacy::description).stream().map(a -> a.get(0)).toList();
    }

    /**
     * Each request's completions in one {@link VisionLanguageModel#generateAll} call (none for no request), each after
     * its given start {@code givens[i]} (already at the end of its prompt) and read by {@code answerParser}.
     */
    private <T> List<List<TaskAnswer<T>>> askAll(List<GenerationRequest> requests, List<String> givens,
                                                 Function<TaskCompletion, Parsed<T>> answerParser) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<List<String>> completions = heldToFormat(requests, givens, model.generateAll(requests));
        var answers = new java.util.ArrayList<List<TaskAnswer<T>>>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            List<String> texts = completions.get(i);
            if (texts.size() != requests.get(i).samples()) {
                throw new IllegalStateException("the model returned " + texts.size() + " completions for "
                        + requests.get(i).samples() + " samples");
            }
            String given = givens.get(i);
            answers.add(texts.stream().map(raw -> answer(given + raw, answerParser)).toList());
        }
        return List.copyOf(answers);
    }

    /**
     * How many times {@link #heldToFormat} corrects one completion at most: a task's grounding sentence closed, then a
     * referents line's two copies or a comparison line's verdicts and stop; the grounding task's sentence opened to go on
     * listing and closed.
     */
    private static final int MAX_CORRECTIONS = 5;

    /**
     * {@code text}'s grounding sentence held to itself ({@link PromptFormat#groundingHeld}), open for the model to go on
     * listing unless it was continued from the same open sentence before (the model would write the same again), then
     * closed; each open sentence recorded in {@code opened}.
     */
    private java.util.Optional<String> groundingHeld(String text, java.util.Set<String> opened) {
        java.util.Optional<String> held = format.groundingHeld(text, true);
        if (held.isPresent() && opened.contains(held.get())) {
            held = format.groundingHeld(text, false);
        }
        held.filter(h -> !h.endsWith(format.reasoningEnd())).ifPresent(opened::add);
        return held;
    }

    /**
     * Each completion (after its given start) held to the format where the format decides what comes: a grounding
     * sentence, the grounding task's or the first line of any task's, to itself ({@link PromptFormat#groundingHeld}: an
     * object written twice dropped, the list and its count made to agree; the grounding task's model asked to go on
     * listing from a list shorter than its count, once from each such list, and its closed sentence its answer; a task's
     * sentence closed, counted as listed, and the task continued from it); an L2A one to its
     * grounding sentence ({@link PromptFormat#groundedCopy}: where its referents line copies a center otherwise than the
     * sentence has it), an L2C one to its comparison line ({@link PromptFormat#comparisonHeld}: where a verdict says
     * otherwise than its two words, or where the line stops at the same targets). The completion is cut there, what the
     * format has is written, and the model continues from it, as it would have had it written so (a sampled completion
     * with a seed of its own); other tasks' completions as they are. The retries of a round go to the model in one {@link VisionLanguageModel#generateAll}.
     */
    private List<List<String>> heldToFormat(List<GenerationRequest> requests, List<String> givens,
                                            List<List<String>> completions) {
        if (!holds) {
            return completions;
        }
        var held = new java.util.ArrayList<List<String>>();
        for (List<String> texts : completions) {
            held.add(new java.util.ArrayList<>(texts));
        }
        // the open grounding sentences each completion was continued from: one continued from again is closed instead
        var opened = new java.util.HashMap<String, java.util.Set<String>>();
        // every completion is checked once; after that only those just continued, whose earlier text now agrees
        var pending = new java.util.ArrayList<int[]>();
        for (int i = 0; i < requests.size(); i++) {
            for (int s = 0; s < held.get(i).size(); s++) {
                pending.add(new int[] {i, s});
            }
        }
        for (int round = 0; round < MAX_CORRECTIONS && !pending.isEmpty(); round++) {
            var retries = new java.util.ArrayList<GenerationRequest>();
            var at = new java.util.ArrayList<int[]>();
            var added = new java.util.ArrayList<String>();
            for (int[] is : pending) {
                GenerationRequest request = requests.get(is[0]);
                String given = givens.get(is[0]);
                String text = given + held.get(is[0]).get(is[1]);
                boolean grounding = request.task() == LacyTask.GROUNDING;
                // a task's own sentence is closed, never opened: a fine-tune asked to go on listing past where it
                // ended its list writes words that are not entries (docs/formats.md)
                java.util.Optional<String> corrected = grounding
                        ? groundingHeld(text + format.reasoningEnd(),
                                opened.computeIfAbsent(is[0] + ":" + is[1], k -> new java.util.HashSet<>()))
                        : format.groundingHeld(text, false);
                if (grounding) {
                    if (corrected.isPresent() && corrected.get().endsWith(format.reasoningEnd())) {
                        String closed = corrected.get();
                        held.get(is[0]).set(is[1], closed.substring(given.length(), closed.length() - format.reasoningEnd().length()));
                        continue;
                    }
                } else if (corrected.isEmpty()) {
                    corrected = switch (request.task()) {
                        case L2A -> format.groundedCopy(text);
                        case L2C -> format.comparisonHeld(text);
                        default -> java.util.Optional.empty();
                    };
                }
                if (corrected.isEmpty() || corrected.get().length() <= given.length()) {
                    continue;
                }
                String written = corrected.get().substring(given.length());
                Decoding decoding = request.decoding().isGreedy() ? request.decoding()
                        : request.decoding().withSeed(request.decoding().seed() * 0x9E3779B97F4A7C15L + 1009L * is[1] + round + 1);
                retries.add(new GenerationRequest(request.task(), request.image(), request.prompt() + written, decoding, 1,
                        request.maxNewTokens(), request.stopSequences()));
                at.add(is);
                added.add(written);
            }
            if (retries.isEmpty()) {
                break;
            }
            List<List<String>> continued = model.generateAll(retries);
            for (int k = 0; k < retries.size(); k++) {
                held.get(at.get(k)[0]).set(at.get(k)[1], added.get(k) + continued.get(k).get(0));
            }
            pending = at;
        }
        if (clearPlace != null) {
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).task() != LacyTask.L2A) {
                    continue;
                }
                String given = givens.get(i);
                List<String> texts = held.get(i);
                for (int s = 0; s < texts.size(); s++) {
                    java.util.Optional<String> clear = clearPlace.held(given + texts.get(s));
                    if (clear.isPresent() && clear.get().startsWith(given)) {
                        texts.set(s, clear.get().substring(given.length()));
                    }
                }
            }
        }
        return held.stream().map(List::copyOf).toList();
    }

    private static int sameSizes(int... sizes) {
        for (int size : sizes) {
            if (size != sizes[0]) {
                throw new IllegalArgumentException("the lists differ in length: " + java.util.Arrays.toString(sizes));
            }
        }
        return sizes[0];
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
     * line of reasoning. The order matters: {@code first} is the instruction given (or demonstrated), {@code second}
     * the one checked against it, as the fine-tune teaches and the evaluation asks (docs/method.md, "Evaluation").
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
        return l2c(image, first, List.of(second), given).get(0);
    }

    /**
     * The answer follows the last line of reasoning (the grounding sentence, then the comparison line of packages trained
     * with it); a completion without a newline is all reasoning.
     */
    private String reasoningBeforeTheAnswer(String completion) {
        String end = format.reasoningEnd();
        int last = completion.lastIndexOf(end);
        return last < 0 ? completion + end : completion.substring(0, last + end.length());
    }

    private <T> List<TaskAnswer<T>> ask(LacyTask task, RgbImage image, String prompt, String reasoning, int n,
                                        Decoding decoding, Function<TaskCompletion, Parsed<T>> answerParser) {
        if (reasoning == null) {
            throw new IllegalArgumentException("reasoning must be a text, empty for none");
        }
        String given = givens(List.of(image), List.of(reasoning)).get(0);
        var request = new GenerationRequest(task, image, prompt + given, decoding, n, maxNewTokens, List.of());
        List<String> completions = heldToFormat(List.of(request), List.of(given), List.of(model.generate(request))).get(0);
        if (completions.size() != n) {
            throw new IllegalStateException("the model returned " + completions.size() + " completions for "
                    + n + " samples");
        }
        return completions.stream().map(raw -> answer(given + raw, answerParser)).toList();
    }

    /** {@code raw} split into reasoning and answer ({@link PromptFormat#split}), then read by {@code answerParser}. */
    private <T> TaskAnswer<T> answer(String raw, Function<TaskCompletion, Parsed<T>> answerParser) {
        Parsed<TaskCompletion> split = format.split(raw);
        if (split instanceof Parsed.Failure<TaskCompletion> failure) {
            return new TaskAnswer.Malformed<>(raw, failure.reason());
        }
        TaskCompletion completion = split.orElseThrow();
        Parsed<T> value = answerParser.apply(completion);
        if (value instanceof Parsed.Failure<T> failure) {
            return new TaskAnswer.Malformed<>(raw, failure.reason());
        }
        return new TaskAnswer.Answered<>(value.orElseThrow(), completion.grounding(), raw, completion.groundingProblem());
    }

    private static Parsed<String> description(TaskCompletion completion) {
        return completion.answer().isBlank() ? Parsed.failure("the description is empty") : Parsed.ok(completion.answer());
    }
}
