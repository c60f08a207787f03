package dev.lacy.core.format;

import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;

/**
 * How a model is asked for each task and how its completions are read. A model trained on other
 * formats plugs in through its own implementation; {@link LacyPromptFormat} is the library's own.
 * Implementations are immutable and thread-safe.
 */
public interface PromptFormat {

    /** True when completions start with the grounding sentence (the chain of thought). */
    boolean chainOfThought();

    /**
     * True when every task over an image continues from the grounding sentence the model gives to {@link
     * #groundingPrompt} (task {@code GROUNDING}: the base model, for a package whose adapters leave it to the base)
     * instead of writing its own: {@link dev.lacy.core.cycle.Lacy} then grounds each image once and passes the sentence
     * to the tasks as their given start. Only with chain of thought; false unless a package says so.
     */
    default boolean groundsFirst() {
        return false;
    }

    /**
     * True when the model is taught the instruction's own pick phrase in its reasoning ({@code Grab the lemon at
     * (0.513,0.512).} in L2A's referents line and in the pretraining captions that end with it, where a model taught
     * otherwise writes {@code Pick the lemon}) and, in A2L's, the object at the pick point before the place ({@code The
     * pick is at (0.072,0.407), the yellow cylinder.}). A property of the base a model was pretrained as (its manifest's
     * {@code pickPhrases}); completions read the same either way (docs/formats.md).
     */
    default boolean pickPhrases() {
        return false;
    }

    /**
     * Which version of the L2C comparison line the model is taught ({@link ComparisonFormat#version(int)}): 1 (a cell
     * against a direction by where the cell lies from the reference's cell) unless a package says 2 (by the reference's
     * half of its cell as well); its manifest's {@code comparisonLine}. Only with chain of thought.
     */
    default int comparisonLine() {
        return 1;
    }

    /**
     * An L2A completion (from its grounding sentence on) cut after the first center its reasoning copies otherwise than
     * its grounding sentence has it, with the sentence's center written instead ({@link GroundedCopy}); {@link
     * dev.lacy.core.cycle.Lacy} lets the model continue from there. Empty where every copy agrees, and for a format that
     * does not hold its copies so.
     */
    default java.util.Optional<String> groundedCopy(String completion) {
        return java.util.Optional.empty();
    }

    /**
     * A completion whose first line is a finished grounding sentence (a line break after it) that does not agree with
     * itself, held to itself ({@link GroundingFormat#held}): the sentence without an object written twice, open for
     * the model to go on listing where it lists fewer objects than it announces and {@code continuing} (ending with the
     * comma after its last entry), or else whole, counted, with its line break; {@link dev.lacy.core.cycle.Lacy} lets the
     * model continue from there. Empty where the sentence agrees with itself, and for a format without chain of thought.
     */
    default java.util.Optional<String> groundingHeld(String completion, boolean continuing) {
        return java.util.Optional.empty();
    }

    /**
     * An L2C completion (from its grounding sentence on) held to its comparison line ({@link ComparisonFormat#held}): cut
     * at the first verdict that says otherwise than its two words, with the right one written ({@code right, center:0}),
     * or, where the line ends at the targets' verdict and the targets are the same ({@code L2C "...", "...": lemon,
     * lemon:1}, where the line goes on with the placements), after that verdict with the word that always follows it
     * ({@code " and"}); {@link dev.lacy.core.cycle.Lacy} lets the model continue from there. Empty for every other
     * completion, and for a format without the comparison line.
     */
    default java.util.Optional<String> comparisonHeld(String completion) {
        return java.util.Optional.empty();
    }

    String groundingPrompt();

    String l2aPrompt(String instruction);

    String a2lPrompt(PickPlaceAction action);

    String l2cPrompt(String first, String second);

    /** What the model is trained to complete after {@link #l2aPrompt} of {@code instruction}. */
    String l2aTarget(Scene scene, String instruction, PickPlaceAction action);

    /** What the model is trained to complete after {@link #a2lPrompt} of {@code action}: {@code instruction} describes it. */
    String a2lTarget(Scene scene, PickPlaceAction action, String instruction);

    /** What the model is trained to complete after {@link #l2cPrompt} of {@code first} and {@code second}. */
    String l2cTarget(Scene scene, String first, String second, boolean consistent);

    /** What the model is trained to complete after {@link #groundingPrompt}. */
    String groundingTarget(Scene scene);

    /** The text that ends the reasoning and precedes the answer in a chain-of-thought completion. */
    String reasoningEnd();

    /** Splits a completion into its reasoning (empty without chain of thought) and its answer. */
    Parsed<TaskCompletion> split(String completion);

    /**
     * The action an L2A completion decides, given its {@link #split}: by default its answer,
     * {@code <pick> at (x,y) / <place> at (x,y)} ({@link ActionFormat}).
     */
    default Parsed<PickPlaceAction> l2aAction(TaskCompletion split) {
        return new ActionFormat().parse(split.answer());
    }
}
