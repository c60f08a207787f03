package dev.lacy.core.format;

import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.spatial.GridCell;
import java.util.List;
import java.util.Optional;

/**
 * The library's prompt format. Prompts state the task and its inputs after an {@code <image>}
 * placeholder and end with a newline; with chain of thought a completion is the grounding sentence,
 * a newline, then the answer, with one more line of reasoning between them for L2A (the referents
 * line, {@link ReferentsFormat}) and for L2C (the comparison line, {@link ComparisonFormat}). The prompts are the same with and without chain of thought: whether
 * a model reasons first is a property of the model, recorded in its package's manifest.
 */
public final class LacyPromptFormat implements PromptFormat {

    public static final String IMAGE = "<image>";
    private static final String NEWLINE = "\n";

    private final boolean chainOfThought;
    private final boolean groundsFirst;
    private final boolean pickPhrases;
    private final GroundingFormat grounding = new GroundingFormat();
    private final ActionFormat actions = new ActionFormat();
    private final ConsistencyFormat consistency = new ConsistencyFormat();
    private final InstructionParser parser = new InstructionParser();
    private final ReferentsFormat referentsLine = new ReferentsFormat();
    private final ComparisonFormat comparisonLine;
    private final GroundedCopy copies = new GroundedCopy();

    private LacyPromptFormat(boolean chainOfThought, boolean groundsFirst, boolean pickPhrases, ComparisonFormat comparisonLine) {
        this.chainOfThought = chainOfThought;
        this.groundsFirst = groundsFirst;
        this.pickPhrases = pickPhrases;
        this.comparisonLine = comparisonLine;
    }

    /** With chain of thought, the comparison line's version 1 (as a package that does not name one was taught). */
    public static LacyPromptFormat withChainOfThought() {
        return new LacyPromptFormat(true, false, false, ComparisonFormat.BY_CELLS);
    }

    /**
     * This format with the comparison line of {@code version} ({@link ComparisonFormat#version(int)}; {@link
     * ComparisonFormat#LATEST} the newest): what a model writes, and how its line is held, for a cell
     * against a direction. A package's manifest says which its model was taught ({@code comparisonLine}, 1 if absent).
     */
    public LacyPromptFormat withComparisonLine(int version) {
        ComparisonFormat line = ComparisonFormat.version(version);
        if (line != ComparisonFormat.BY_CELLS && !chainOfThought) {
            throw new IllegalStateException("the comparison line is a line of the chain of thought: a format without it has none");
        }
        return line == comparisonLine ? this : new LacyPromptFormat(chainOfThought, groundsFirst, pickPhrases, line);
    }

    /**
     * This format with the pick phrases of {@link #pickPhrases()}: the referents line copies the instruction's own pick
     * phrase, A2L's line names the object at the pick point. Reading is the same either way; what changes is what a model
     * is taught to write, so a base pretrained with them is fine-tuned with them (its manifest says so).
     */
    public LacyPromptFormat withPickPhrases() {
        return withPickPhrases(true);
    }

    /** This format with the pick phrases where {@code taught} ({@link #withPickPhrases()}), as it is otherwise. */
    public LacyPromptFormat withPickPhrases(boolean taught) {
        if (taught && !chainOfThought) {
            throw new IllegalStateException("pick phrases are lines of the chain of thought: a format without it has none");
        }
        return taught == pickPhrases ? this : new LacyPromptFormat(chainOfThought, groundsFirst, taught, comparisonLine);
    }

    /**
     * With chain of thought, every task continuing from the grounding prompt's sentence ({@link #groundsFirst}): the same
     * prompts and completions, each image grounded once.
     */
    public static LacyPromptFormat groundingFirst() {
        return new LacyPromptFormat(true, true, false, ComparisonFormat.BY_CELLS);
    }

    public static LacyPromptFormat withoutChainOfThought() {
        return new LacyPromptFormat(false, false, false, ComparisonFormat.BY_CELLS);
    }

    @Override
    public boolean chainOfThought() {
        return chainOfThought;
    }

    @Override
    public boolean groundsFirst() {
        return groundsFirst;
    }

    @Override
    public boolean pickPhrases() {
        return pickPhrases;
    }

    @Override
    public int comparisonLine() {
        return comparisonLine.version();
    }

    @Override
    public Optional<String> groundedCopy(String completion) {
        return chainOfThought ? copies.correction(completion) : Optional.empty();
    }

    @Override
    public Optional<String> groundingHeld(String completion, boolean continuing) {
        int end = completion.indexOf(NEWLINE);
        if (!chainOfThought || end < 0) {
            return Optional.empty();
        }
        return grounding.held(completion.substring(0, end), continuing)
                .map(held -> held.endsWith(".") ? held + NEWLINE : held);
    }

    @Override
    public Optional<String> comparisonHeld(String completion) {
        return chainOfThought ? comparisonLine.held(completion) : Optional.empty();
    }

    @Override
    public String groundingPrompt() {
        return IMAGE + NEWLINE + "List every object in the image with its center." + NEWLINE;
    }

    @Override
    public String l2aPrompt(String instruction) {
        return IMAGE + NEWLINE + "L2A: give the pick and place points for the instruction \""
                + instruction.strip() + "\"." + NEWLINE;
    }

    @Override
    public String a2lPrompt(PickPlaceAction action) {
        return IMAGE + NEWLINE + "A2L: describe the action " + actions.write(action) + " as an instruction." + NEWLINE;
    }

    @Override
    public String l2cPrompt(String first, String second) {
        return IMAGE + NEWLINE + "L2C: are the instructions \"" + first.strip() + "\" and \"" + second.strip()
                + "\" consistent? Answer 1 or 0." + NEWLINE;
    }

    @Override
    public String l2aTarget(Scene scene, String instruction, PickPlaceAction action) {
        return reasoning(scene) + referents(scene, instruction, action) + actions.write(action);
    }

    @Override
    public String a2lTarget(Scene scene, PickPlaceAction action, String instruction) {
        return reasoning(scene) + pickLine(scene, action) + placeLine(action) + instruction.strip();
    }

    /**
     * With {@link #pickPhrases()}, A2L's reasoning opens with the object at the pick point, the point copied from the
     * prompt and the name right after it: {@code The pick is at (0.072,0.407), the yellow cylinder. } (on the place
     * line's line); nothing where no object is there, and nothing otherwise.
     */
    private String pickLine(Scene scene, PickPlaceAction action) {
        if (!pickPhrases) {
            return "";
        }
        return scene.selectedBy(action.pick()).map(o -> "The pick is at " + action.pick().format() + ", the " + o.name() + ". ")
                .orElse("");
    }

    /**
     * A2L's line between the grounding sentence and the description: the place point copied from the prompt with its
     * cell, {@code The place is at (0.687,0.174) in the top right.}, so that the cell is named right after the
     * coordinates it depends on (docs/formats.md); nothing without chain of thought.
     */
    private String placeLine(PickPlaceAction action) {
        if (!chainOfThought) {
            return "";
        }
        return "The place is at " + action.place().format() + " in the " + GridCell.of(action.place()).phrase() + "." + NEWLINE;
    }

    @Override
    public String l2cTarget(Scene scene, String first, String second, boolean consistent) {
        return reasoning(scene) + comparison(scene, first, second) + consistency.write(consistent);
    }

    @Override
    public String groundingTarget(Scene scene) {
        return grounding.write(scene);
    }

    @Override
    public String reasoningEnd() {
        return NEWLINE;
    }

    @Override
    public Parsed<TaskCompletion> split(String completion) {
        if (completion == null) {
            return Parsed.failure("the completion is missing");
        }
        if (!chainOfThought) {
            return Parsed.ok(new TaskCompletion(Optional.empty(), completion.strip()));
        }
        String text = completion.strip();
        int end = text.indexOf(NEWLINE);
        if (end < 0) {
            return Parsed.failure("the completion has no answer after its grounding sentence: '"
                    + GroundingFormat.abbreviate(text) + "'");
        }
        int last = text.lastIndexOf(NEWLINE);
        String answer = text.substring(last + 1).strip();
        List<String> lines = last > end ? List.of(text.substring(end + 1, last).split(NEWLINE)) : List.of();
        // a grounding sentence that does not parse (a miscounted list, a broken entry) is reported with the
        // answer, not in its place: the answer line stands on its own
        Parsed<List<GroundedObject>> objects = grounding.parse(text.substring(0, end));
        return Parsed.ok(objects instanceof Parsed.Failure<List<GroundedObject>> failure
                ? new TaskCompletion(Optional.empty(), answer, Optional.of(failure.reason()), lines)
                : new TaskCompletion(Optional.of(objects.orElseThrow()), answer, Optional.empty(), lines));
    }

    /**
     * With chain of thought, the points of the referents line ({@link ReferentsFormat#points}, the last line before the
     * answer) where it reads: the answer line restates them a few tokens later, and where the two differ the
     * restatement is the one that is wrong (a coordinate copied from a neighbouring entry; docs/formats.md, "Which line is
     * the action"), so an answer line that does not read after one that does is a restatement gone wrong too, not a
     * malformed completion. Without a referents line, or with one that does not read, the answer line is the action.
     */
    @Override
    public Parsed<PickPlaceAction> l2aAction(TaskCompletion split) {
        if (chainOfThought && !split.reasoningLines().isEmpty()) {
            Parsed<PickPlaceAction> referents = referentsLine.points(split.reasoningLines().get(split.reasoningLines().size() - 1));
            if (referents.isOk()) {
                return referents;
            }
        }
        return actions.parse(split.answer());
    }

    private String reasoning(Scene scene) {
        return chainOfThought ? grounding.write(scene) + NEWLINE : "";
    }

    /** The comparison line and its newline ({@link ComparisonFormat}); nothing without chain of thought. */
    private String comparison(Scene scene, String first, String second) {
        if (!chainOfThought) {
            return "";
        }
        try {
            return comparisonLine.write(scene, first, second) + NEWLINE;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write the chain of thought for the instructions '" + first
                    + "' and '" + second + "': " + e.getMessage(), e);
        }
    }

    /** {@code part} of the chain of thought for {@code instruction}; what it rejects is an error naming the instruction. */
    private static <T> T explained(String instruction, java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write the chain of thought for the instruction '"
                    + instruction + "': " + e.getMessage(), e);
        }
    }

    /** The referents line and its newline ({@link ReferentsFormat}); nothing without chain of thought. */
    private String referents(Scene scene, String instruction, PickPlaceAction action) {
        if (!chainOfThought) {
            return "";
        }
        return explained(instruction, () -> {
            var parsed = parser.parse(instruction).orElseThrow();
            return pickPhrases ? referentsLine.write(scene, parsed, parser.pickPhrase(instruction, parsed), action.place(), action.pick())
                    : referentsLine.write(scene, parsed, action.place(), action.pick());
        }) + NEWLINE;
    }
}
