package dev.lacy.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Point;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.testing.PaperScene;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class TextFormatsTest {

    private final GroundingFormat grounding = new GroundingFormat();
    private final ActionFormat actions = new ActionFormat();

    @Test
    void theGroundingSentenceListsObjectsInReadingOrderByteForByte() {
        assertThat(grounding.write(PaperScene.SCENE)).isEqualTo("There are 4 objects in the image: "
                + "red wood block at (0.452,0.122), lemon at (0.493,0.522), mustard bottle at (0.211,0.898), "
                + "cable at (0.902,0.912).");
    }

    @Test
    void readingOrderUsesThePrintedCoordinatesSoTiesBreakByX() {
        var scene = new Scene(List.of(
                new SceneObject("b", new Point(0.6, 0.30001), 0.05),
                new SceneObject("a", new Point(0.2, 0.3004), 0.05)));
        // both print y = 0.300, so x decides
        assertThat(grounding.write(scene)).isEqualTo("There are 2 objects in the image: a at (0.200,0.300), b at (0.600,0.300).");
    }

    @Test
    void oneObjectIsSingular() {
        var scene = new Scene(List.of(new SceneObject("lemon", new Point(0.5, 0.5), 0.05)));
        assertThat(grounding.write(scene)).isEqualTo("There is 1 object in the image: lemon at (0.500,0.500).");
        assertThat(grounding.parse(grounding.write(scene)).orElseThrow()).hasSize(1);
    }

    @Test
    void theCountMayBeSpelledAsTheFiguresOfThePaperDo() {
        assertThat(grounding.parse("There are three objects in the image: lemon at (0.493,0.522), "
                + "mustard bottle at (0.211,0.898), cable at (0.902,0.912).").orElseThrow()).hasSize(3);
        assertThat(grounding.parse("There are five objects in the image: lemon at (0.1,0.1).")).isInstanceOfSatisfying(
                Parsed.Failure.class, f -> assertThat(f.reason()).contains("announces 5"));
        assertThat(grounding.parse("There are many objects in the image: lemon at (0.1,0.1).")).isInstanceOfSatisfying(
                Parsed.Failure.class, f -> assertThat(f.reason()).contains("'many' is not a number"));
    }

    @Test
    void aGroundingSentenceIsHeldToItselfAnObjectWrittenTwiceDroppedAndTheCountTheLists() {
        // as a model wrote it (with more objects): the tennis ball twice at one center, four entries for three announced
        String twice = "There are 3 objects in the image: tennis ball at (0.438,0.457), tennis ball at (0.438,0.457), "
                + "pear at (0.668,0.567), scissors at (0.877,0.837).";
        String held = "There are 3 objects in the image: tennis ball at (0.438,0.457), pear at (0.668,0.567), "
                + "scissors at (0.877,0.837).";
        assertThat(grounding.held(twice, true)).contains(held);
        assertThat(grounding.held(held, true)).isEmpty();
        // within 0.02 of an earlier center is the same object whatever its name; 0.021 away is another
        assertThat(grounding.held("There are 2 objects in the image: power drill at (0.353,0.077), green block at (0.357,0.077), "
                + "orange at (0.706,0.087).", true)).contains("There are 2 objects in the image: power drill at (0.353,0.077), "
                + "orange at (0.706,0.087).");
        assertThat(grounding.held("There are 2 objects in the image: mug at (0.100,0.500), mug at (0.121,0.500).", true))
                .isEmpty();
        // a count above the list's: open for the model to go on listing, or, not continuing, counted as listed
        String short_ = "There are 3 objects in the image: mug at (0.845,0.138), pear at (0.157,0.148).";
        assertThat(grounding.held(short_, true)).contains("There are 3 objects in the image: mug at (0.845,0.138), "
                + "pear at (0.157,0.148),");
        assertThat(grounding.held(short_, false)).contains("There are 2 objects in the image: mug at (0.845,0.138), "
                + "pear at (0.157,0.148).");
        assertThat(grounding.held("There are 2 objects in the image.", true)).contains("There are 2 objects in the image:");
        // left open (the model stopped right after the comma it was given): its entries so far, closed unless continuing
        assertThat(grounding.held(grounding.held(short_, true).orElseThrow(), false)).contains("There are 2 objects in the "
                + "image: mug at (0.845,0.138), pear at (0.157,0.148).");
        assertThat(grounding.held("There are 3 objects in the image:", false)).contains("There are 0 objects in the image.");
        assertThat(grounding.held("There are 2 objects in the image: mug at (0.845,0.138), mug at (0.845,0.138).", false))
                .contains("There is 1 object in the image: mug at (0.845,0.138).");
        // a count below the list's: counted as listed; what does not read is left as written
        assertThat(grounding.held("There is 1 object in the image: mug at (0.845,0.138), pear at (0.157,0.148).", true))
                .contains("There are 2 objects in the image: mug at (0.845,0.138), pear at (0.157,0.148).");
        assertThat(grounding.held("There are 3 objects in the image: mug at (0.845,0.138), pear at", true)).isEmpty();
        assertThat(grounding.held("There are many objects in the image: mug at (0.845,0.138).", true)).isEmpty();
        // a format reads the first line of a completion, once it has ended
        var format = LacyPromptFormat.withChainOfThought();
        assertThat(format.groundingHeld(twice + "\nThe place is", true)).contains(held + "\n");
        assertThat(format.groundingHeld(short_ + "\nThe place is", true)).hasValueSatisfying(h -> assertThat(h).endsWith("(0.157,0.148),"));
        assertThat(format.groundingHeld(twice, true)).isEmpty();
        assertThat(LacyPromptFormat.withoutChainOfThought().groundingHeld(twice + "\n", true)).isEmpty();
    }

    @Test
    void theL2aAnswerIsFixedAndParsesToleratingSpaces() {
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);
        assertThat(actions.write(action)).isEqualTo("<pick> at (0.513,0.512) / <place> at (0.773,0.531)");
        assertThat(actions.parse("  <pick>  at ( 0.513 , 0.512 )/<place> at (0.773,0.531) ")).isEqualTo(Parsed.ok(action));
    }

    @Test
    void malformedAnswersAreTypedFailures() {
        assertThat(actions.parse("<pick> at (1.2,0.5) / <place> at (0.1,0.1)"))
                .isInstanceOfSatisfying(Parsed.Failure.class, f -> assertThat(f.reason()).contains("outside"));
        assertThat(actions.parse("<place> at (0.1,0.1)")).isInstanceOf(Parsed.Failure.class);
        assertThat(grounding.parse("There are 3 objects in the image: lemon at (0.1,0.1).")).isInstanceOfSatisfying(
                Parsed.Failure.class, f -> assertThat(f.reason()).contains("announces 3").contains("lists 1"));
        assertThat(grounding.parse("There are 1 objects in the image: Lemon at (0.1,0.1).")).isInstanceOf(Parsed.Failure.class);
        assertThat(new ConsistencyFormat().parse("yes")).isInstanceOf(Parsed.Failure.class);
    }

    @Property
    void groundingRoundTripsAtThreeDecimals(@ForAll("scenes") Scene scene) {
        List<GroundedObject> parsed = grounding.parse(grounding.write(scene)).orElseThrow();
        assertThat(parsed).hasSameSizeAs(scene.objects());
        for (GroundedObject object : parsed) {
            SceneObject original = scene.find(object.name()).orElseThrow();
            assertThat(object.center().x()).isCloseTo(original.center().x(), org.assertj.core.data.Offset.offset(0.0005));
            assertThat(object.center().y()).isCloseTo(original.center().y(), org.assertj.core.data.Offset.offset(0.0005));
        }
        assertThat(grounding.write(parsed)).isEqualTo(grounding.write(scene));
    }

    @Property
    void actionsRoundTripAtThreeDecimals(@ForAll @DoubleRange(min = 0, max = 1) double a, @ForAll @DoubleRange(min = 0, max = 1) double b,
                                         @ForAll @DoubleRange(min = 0, max = 1) double c, @ForAll @DoubleRange(min = 0, max = 1) double d) {
        String text = actions.write(PickPlaceAction.of(a, b, c, d));
        assertThat(actions.write(actions.parse(text).orElseThrow())).isEqualTo(text);
    }

    @Property
    void parsersNeverThrow(@ForAll String text) {
        assertThat(grounding.parse(text)).isNotNull();
        assertThat(actions.parse(text)).isNotNull();
        assertThat(new ConsistencyFormat().parse(text)).isNotNull();
        assertThat(LacyPromptFormat.withChainOfThought().split(text)).isNotNull();
    }

    @Test
    void chainOfThoughtTargetsAreTheGroundingTheReferentsThenTheAnswer() {
        var cot = LacyPromptFormat.withChainOfThought();
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);
        String relative = "Pick the lemon and place it to the right of the cable";
        String target = cot.l2aTarget(PaperScene.SCENE, relative, action);

        assertThat(target).isEqualTo(grounding.write(PaperScene.SCENE) + "\n"
                + "The cable is at (0.902,0.912). The place is to its right at (0.773,0.531). Pick the lemon at (0.513,0.512).\n"
                + actions.write(action));
        TaskCompletion split = cot.split(target).orElseThrow();
        assertThat(split.grounding()).hasValueSatisfying(g -> assertThat(g).hasSize(4));
        assertThat(split.answer()).isEqualTo(actions.write(action));

        String absolute = "Grasp the mustard bottle and put it in the top left of the workspace";
        assertThat(cot.l2aTarget(PaperScene.SCENE, absolute, action)).isEqualTo(grounding.write(PaperScene.SCENE) + "\n"
                + "The place is in the top left at (0.773,0.531). Pick the mustard bottle at (0.513,0.512).\n" + actions.write(action));
        // A2L's place line: the place point copied from the prompt, then its cell
        assertThat(cot.a2lTarget(PaperScene.SCENE, action, absolute)).isEqualTo(grounding.write(PaperScene.SCENE) + "\n"
                + "The place is at (0.773,0.531) in the middle right.\n" + absolute);
        assertThat(cot.split(cot.a2lTarget(PaperScene.SCENE, action, absolute)).orElseThrow().answer()).isEqualTo(absolute);
        // a grounding sentence that does not parse is reported with the answer
        TaskCompletion miscounted = cot.split("There are 3 objects in the image: lemon at (0.5,0.5).\n" + actions.write(action)).orElseThrow();
        assertThat(miscounted.answer()).isEqualTo(actions.write(action));
        assertThat(miscounted.grounding()).isEmpty();
        assertThat(miscounted.groundingProblem()).hasValueSatisfying(p -> assertThat(p).contains("announces 3 objects but lists 1"));
        assertThat(cot.split("no grounding here\n" + actions.write(action)).orElseThrow().groundingProblem())
                .hasValueSatisfying(p -> assertThat(p).contains("is not a grounding sentence"));
        // a completion without the referents line (packages trained before it) splits the same way
        assertThat(cot.split(grounding.write(PaperScene.SCENE) + "\n" + actions.write(action)).orElseThrow().answer())
                .isEqualTo(actions.write(action));

        var direct = LacyPromptFormat.withoutChainOfThought();
        assertThat(direct.l2aTarget(PaperScene.SCENE, relative, action)).isEqualTo(actions.write(action));
        assertThat(direct.a2lTarget(PaperScene.SCENE, action, absolute)).isEqualTo(absolute);
        assertThat(direct.split(actions.write(action)).orElseThrow()).isEqualTo(new TaskCompletion(Optional.empty(), actions.write(action)));
        assertThat(cot.l2cTarget(PaperScene.SCENE, absolute, relative, true))
                .isEqualTo(grounding.write(PaperScene.SCENE) + "\n" + ComparisonFormat.BY_CELLS.write(PaperScene.SCENE, absolute, relative) + "\n1");
        assertThat(direct.l2cTarget(PaperScene.SCENE, absolute, relative, false)).isEqualTo("0");
        assertThat(cot.a2lPrompt(action)).startsWith("<image>\n").contains("<pick> at (0.513,0.512)").endsWith("\n");
    }

    @Test
    void withPickPhrasesTheReferentsLineCopiesTheInstructionsPickPhraseAndA2lNamesTheObjectAtThePickPoint() {
        var taught = LacyPromptFormat.withChainOfThought().withPickPhrases();
        var action = PickPlaceAction.of(0.493, 0.522, 0.773, 0.531);
        String relative = "Pick up the lemon and place it to the right of the cable";
        String absolute = "grab lemon and put it in the top left of the workspace";

        assertThat(taught.pickPhrases()).isTrue();
        assertThat(LacyPromptFormat.withChainOfThought().pickPhrases()).isFalse();
        assertThat(taught.l2aTarget(PaperScene.SCENE, relative, action)).isEqualTo(grounding.write(PaperScene.SCENE) + "\n"
                + "The cable is at (0.902,0.912). The place is to its right at (0.773,0.531). Pick up the lemon at (0.493,0.522).\n"
                + actions.write(action));
        String line = "The place is in the top left at (0.773,0.531). grab lemon at (0.493,0.522).";
        String target = taught.l2aTarget(PaperScene.SCENE, absolute, action);
        assertThat(target).isEqualTo(grounding.write(PaperScene.SCENE) + "\n" + line + "\n" + actions.write(action));
        // read as any referents line is: its points are the action, whatever the answer line says
        assertThat(new ReferentsFormat().points(line).orElseThrow()).isEqualTo(action);
        String miscopied = target.replace(actions.write(action), "<pick> at (0.493,0.859) / <place> at (0.773,0.531)");
        assertThat(taught.l2aAction(taught.split(miscopied).orElseThrow()).orElseThrow()).isEqualTo(action);
        // A2L: the object at the pick point, then the place line; where no object is there, the place line alone
        assertThat(taught.a2lTarget(PaperScene.SCENE, action, relative)).isEqualTo(grounding.write(PaperScene.SCENE) + "\n"
                + "The pick is at (0.493,0.522), the lemon. The place is at (0.773,0.531) in the middle right.\n" + relative);
        var nothingThere = PickPlaceAction.of(0.7, 0.3, 0.773, 0.531);
        assertThat(taught.a2lTarget(PaperScene.SCENE, nothingThere, relative)).isEqualTo(
                LacyPromptFormat.withChainOfThought().a2lTarget(PaperScene.SCENE, nothingThere, relative));
        assertThat(taught.split(taught.a2lTarget(PaperScene.SCENE, action, relative)).orElseThrow().answer()).isEqualTo(relative);
        // the groundsFirst variant keeps it; a format without chain of thought has no lines to copy into
        assertThat(LacyPromptFormat.groundingFirst().withPickPhrases().groundsFirst()).isTrue();
        assertThatThrownBy(() -> LacyPromptFormat.withoutChainOfThought().withPickPhrases())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chain of thought");
    }

    @Test
    void theActionOfAnL2aCompletionIsItsReferentsLinesPointsWhereTheAnswerLineRestatesThemWrongly() {
        var cot = LacyPromptFormat.withChainOfThought();
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);
        String relative = "Pick the lemon and place it to the right of the cable";
        String absolute = "Grasp the mustard bottle and put it in the top left of the workspace";
        for (String instruction : List.of(relative, absolute)) {
            String target = cot.l2aTarget(PaperScene.SCENE, instruction, action);
            String line = target.split("\n")[1];
            assertThat(cot.split(target).orElseThrow().reasoningLines()).containsExactly(line);
            assertThat(new ReferentsFormat().points(line).orElseThrow()).isEqualTo(action);
            assertThat(cot.l2aAction(cot.split(target).orElseThrow()).orElseThrow()).isEqualTo(action);
            // the answer line's pick copied from another entry (0.859 for 0.512): the referents line's points decide
            String miscopied = target.replace(actions.write(action), "<pick> at (0.513,0.859) / <place> at (0.773,0.531)");
            assertThat(cot.l2aAction(cot.split(miscopied).orElseThrow()).orElseThrow()).isEqualTo(action);
            // an answer line that is not an action after a referents line that reads: the referents line's points
            String broken = target.replace(actions.write(action), "<pick> at (0.513,0.859) /L2C at (0.773,0.531)");
            assertThat(cot.l2aAction(cot.split(broken).orElseThrow()).orElseThrow()).isEqualTo(action);
        }
        // neither line reads: malformed, with the answer line's reason
        String neither = grounding.write(PaperScene.SCENE) + "\nThe place is in the top left. Pick the lemon.\n<pick> at (0.513,0.859)";
        assertThat(cot.l2aAction(cot.split(neither).orElseThrow())).isInstanceOf(Parsed.Failure.class);
        String answer = "<pick> at (0.100,0.200) / <place> at (0.300,0.400)";
        var answered = PickPlaceAction.of(0.1, 0.2, 0.3, 0.4);
        // no referents line (packages trained before it), one without points, or one that does not read: the answer line
        for (String reasoning : List.of("", "The place is in the top left. Pick the lemon.\n",
                "The place is in the top left at (0.773,1.531). Pick the lemon at (0.513,0.512).\n", "Pick it.\n")) {
            String completion = grounding.write(PaperScene.SCENE) + "\n" + reasoning + answer;
            assertThat(cot.l2aAction(cot.split(completion).orElseThrow()).orElseThrow()).isEqualTo(answered);
        }
        // without chain of thought the answer is the whole completion
        var direct = LacyPromptFormat.withoutChainOfThought();
        assertThat(direct.l2aAction(direct.split(answer).orElseThrow()).orElseThrow()).isEqualTo(answered);
        assertThat(new ReferentsFormat().points("The place is in the top left at (0.773,1.531). Pick the lemon at (0.513,0.512)."))
                .isInstanceOfSatisfying(Parsed.Failure.class, f -> assertThat(f.reason()).contains("place").contains("outside"));
        assertThat(new ReferentsFormat().points("The place is in the top left. Pick the lemon."))
                .isInstanceOfSatisfying(Parsed.Failure.class, f -> assertThat(f.reason()).contains("is not a referents line"));
    }

    @Test
    void theReferentsLinesPlacePointReadsWithOrWithoutAPickPointAfterIt() {
        var referents = new ReferentsFormat();
        assertThat(referents.placePoint("The mug is at (0.700,0.500). The place is to its left at (0.612,0.503). Pick the lemon."))
                .hasValue(new Point(0.612, 0.503));
        assertThat(referents.placePoint("The place is in the middle right at (0.773,0.531). Pick the lemon at (0.513,0.512)."))
                .hasValue(new Point(0.773, 0.531));
        // no place point, or one off the table
        assertThat(referents.placePoint("The place is in the top left. Pick the lemon.")).isEmpty();
        assertThat(referents.placePoint("The place is in the top left at (0.773,1.531). Pick the lemon.")).isEmpty();
    }

    @Test
    void theReferentsLineWithoutItsPlacePointIsTheLineOfTheWordsAlone() {
        var referents = new ReferentsFormat();
        assertThat(referents.withoutPlacePoint("The mug is at (0.700,0.500). The place is to its left at (0.612,0.503). Pick the lemon."))
                .isEqualTo("The mug is at (0.700,0.500). The place is to its left. Pick the lemon.");
        assertThat(referents.withoutPlacePoint("The place is in the bottom left at (0.2,0.8). Pick the lemon at (0.513,0.512)."))
                .isEqualTo("The place is in the bottom left. Pick the lemon at (0.513,0.512).");
        assertThat(referents.withoutPlacePoint("The place is in the top left. Pick the lemon."))
                .isEqualTo("The place is in the top left. Pick the lemon.");
    }

    @Property
    void theActionReaderNeverThrows(@ForAll String text) {
        var cot = LacyPromptFormat.withChainOfThought();
        assertThat(new ReferentsFormat().points(text)).isNotNull();
        if (cot.split(text) instanceof Parsed.Ok<TaskCompletion> ok) {
            assertThat(cot.l2aAction(ok.value())).isNotNull();
        }
    }

    /** Instruction pairs whose comparison lines, as the format writes them, every hold leaves as they are. */
    private static final String[][] WRITTEN_PAIRS = {
            {"Pick the lemon and place it to the left of the bowl", "Take the mug and put it to the left of the bowl"},
            {"Pick the lemon and place it in the top right of the workspace", "Grab the lemon and move it on the top right of the table"},
            {"Pick the lemon and place it in the top right of the workspace", "Grab the lemon and move it on the bottom right of the table"},
            {"Pick the lemon and place it in the top right of the workspace", "Pick the lemon and place it to the top of the cable"},
            {"Pick the lemon and place it to the left of the bowl", "Take the lemon and put it to the top left of the bowl"},
            {"Pick the lemon and place it to the left of the bowl", "Take the lemon and put it to the top left of the cable"}};

    @Test
    void aComparisonLineThatStopsAtTheSameTargetsIsContinuedFromTheWordThatAlwaysFollowsAndNoOtherIs() {
        String grounding = "There are 1 objects in the image: lemon at (0.500,0.500).\n";
        String stopped = "L2C \"Grab the lemon\", \"Pick up the lemon\": lemon, lemon:1";
        assertThat(ComparisonFormat.continued(grounding + stopped + "\n")).contains(grounding + stopped + " and");
        assertThat(ComparisonFormat.continued(grounding + stopped)).contains(grounding + stopped + " and");
        assertThat(ComparisonFormat.continued(grounding + stopped + "\n0")).as("the answer after it goes with the cut")
                .contains(grounding + stopped + " and");
        assertThat(ComparisonFormat.continued(grounding + "L2C \"Pick the tuna fish can\", \"Pick the tuna fish can\": "
                + "tuna fish can, tuna fish can:1 \n")).contains(grounding + "L2C \"Pick the tuna fish can\", \"Pick the "
                + "tuna fish can\": tuna fish can, tuna fish can:1 and");
        // every line the format writes is left as it is: different targets end there, and so does every full line
        var comparison = ComparisonFormat.BY_CELLS;
        for (String[] pair : WRITTEN_PAIRS) {
            String line = comparison.write(PaperScene.SCENE, pair[0], pair[1]);
            assertThat(ComparisonFormat.continued(grounding + line + "\n")).as(line).isEmpty();
        }
        // a verdict of 1 on two different names is the model's own mistake, not a stop the format rules out
        assertThat(ComparisonFormat.continued(grounding + "L2C \"Pick the lemon\", \"Take the mug\": lemon, mug:1\n")).isEmpty();
        assertThat(ComparisonFormat.continued(grounding + "L2C \"Pick the lemon\", \"Take the lemon\": lemon, lemon:0\n")).isEmpty();
        assertThat(ComparisonFormat.continued(grounding)).isEmpty();
        assertThat(ComparisonFormat.continued("")).isEmpty();
        assertThat(LacyPromptFormat.withoutChainOfThought().comparisonHeld(grounding + stopped)).isEmpty();
        assertThat(LacyPromptFormat.withChainOfThought().comparisonHeld(grounding + stopped)).contains(grounding + stopped + " and");
    }

    @Test
    void aVerdictThatSaysOtherwiseThanItsTwoWordsIsCutThereAndTheRightOneWritten() {
        // as fine-tunes of the pick-phrase base wrote them on test scenes
        String grounding = "There are 2 objects in the image: sugar box at (0.346,0.432), peach at (0.730,0.718).\n";
        String cells = "L2C \"Grab the sugar box\", \"Grab the sugar box\": sugar box, sugar box:1 and bottom right, bottom "
                + "center: bottom, bottom:1 and right, center:";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + cells + "1\n1")).contains(grounding + cells + "0");
        String targets = "L2C \"Take the orange block\", \"Pick the orange cylinder\": orange block, orange cylinder:";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + targets + "1 and top, top\n1")).contains(grounding + targets + "0");
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + targets + "1")).contains(grounding + targets + "0");
        String rows = "L2C \"Pick the peach\", \"Take the peach\": peach, peach:1 and middle right, middle right: middle, middle:";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + rows + "0\n0")).contains(grounding + rows + "1");
        // the line ends at its first :0: one that goes on past it is ended there, for the answer to follow
        String differ = "L2C \"Take the green cylinder\", \"Pick the power drill\": green cylinder, power drill:0";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + differ + " and top right, top right: top, top:1 and right, right:1\n1"))
                .contains(grounding + differ + "\n");
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + differ + " and0 right, top right: top, top:1\n1")).contains(grounding + differ + "\n");
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + differ + "\n0")).isEmpty();
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + differ + " \n0")).isEmpty();
        // the first wrong verdict is held first; where every verdict holds, a line stopped at the same targets goes on
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + "L2C \"Pick the peach\", \"Take the peach\": peach, peach:0 and "
                + "top, top:0")).contains(grounding + "L2C \"Pick the peach\", \"Take the peach\": peach, peach:1");
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + "L2C \"Pick the peach\", \"Take the peach\": peach, peach:1\n0"))
                .contains(grounding + "L2C \"Pick the peach\", \"Take the peach\": peach, peach:1 and");
        // a cell against a direction: the copy and the cells are words the verdicts do not read
        String thumb = "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1 and middle right, top left peach: peach at "
                + "(0.730,0.718) in the bottom right, top center of it, top left: top, top:1 and center, left:";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + thumb + "0\n0")).isEmpty();
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + thumb + "1\n1")).contains(grounding + thumb + "0");
        // ... but the words after the copied center follow from it and the instruction's cell: the peach at (0.730,0.718)
        // is in the bottom right, and the middle right cell lies above it (as fine-tunes wrote it: "top right of it")
        String copied = "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1 and middle right, top left peach: peach at "
                + "(0.730,0.718) in the";
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + copied + " bottom right, top right of it, top left: top, top:1 and right, left:0\n0"))
                .contains(grounding + copied + " bottom right, top center of it,");
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + copied + " middle right, middle center of it, top left: middle, top:0\n0"))
                .contains(grounding + copied + " bottom right, top center of it,");
        // by cells and by halves only those words: a verdict's words are the model's (by places the whole line is held)
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + copied + " bottom right, top center of it, top left: middle, top:0\n0"))
                .isEmpty();
        // a wrong verdict before the words is held first
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + copied.replace("lemon, lemon:1", "lemon, lemon:0") + " middle right, middle "
                + "center of it, top left: middle, top:0")).contains(grounding + "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1");
        // every line the format writes holds
        var comparison = ComparisonFormat.BY_CELLS;
        for (String[] pair : WRITTEN_PAIRS) {
            String line = comparison.write(PaperScene.SCENE, pair[0], pair[1]);
            assertThat(ComparisonFormat.BY_CELLS.held(grounding + line + "\n1")).as(line).isEmpty();
        }
        assertThat(ComparisonFormat.BY_CELLS.held(grounding)).isEmpty();
        assertThat(LacyPromptFormat.withChainOfThought().comparisonHeld(grounding + cells + "1")).contains(grounding + cells + "0");
    }

    @Test
    void byHalvesACellAgainstADirectionNamesTheReferencesQuarterAndTheRowsAndColumnsAPlaceNearItMayLieIn() {
        var comparison = ComparisonFormat.version(2);
        String pick = "L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and ";

        assertThat(comparison).isSameAs(ComparisonFormat.BY_HALVES);
        assertThat(comparison.version()).isEqualTo(2);
        // the cable at (0.902,0.912) stands in the bottom right quarter of the bottom right cell: a place of the top right
        // cell near it lies above it, straight up or to its left (its right is the table's edge)
        assertThat(cellAgainstCable(comparison, "top right", "top left"))
                .isEqualTo(pick + "top right, top left cable: cable at (0.902,0.912) in the bottom right, its bottom right, "
                        + "top center or left of it, top left: top, top:1 and center or left, left:1");
        assertThat(cellAgainstCable(comparison, "top right", "top right"))
                .endsWith("top center or left of it, top right: top, top:1 and center or left, right:0");
        // in its own cell, toward the cell's far corner only
        assertThat(cellAgainstCable(comparison, "bottom right", "top left"))
                .endsWith("in the bottom right, its bottom right, top left of it, top left: top, top:1 and left, left:1");
        assertThat(cellAgainstCable(comparison, "bottom right", "left"))
                .endsWith("in the bottom right, its bottom right, top left of it, middle left: top, middle:0");
        // a cell a row and a column away: that row and that column, as by cells
        assertThat(cellAgainstCable(comparison, "middle center", "top left"))
                .endsWith("in the bottom right, its bottom right, top left of it, top left: top, top:1 and left, left:1");
        assertTheLinesTheWordsDecideAreVersionOnes(comparison);
        assertThatThrownBy(() -> ComparisonFormat.version(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comparison line version 4 does not exist: it is 1 (by cells), 2 (by the reference's half of its "
                        + "cell) or 3 (by where the cell's places near the reference lie), not 4");
    }

    @Test
    void byPlacesACellAgainstADirectionNamesTheRowsAndColumnsOfTheDirectionsTheCellsPlacesNearTheReferenceLikelyLieIn() {
        var comparison = ComparisonFormat.version(3);
        String pick = "L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and ";

        assertThat(comparison).isSameAs(ComparisonFormat.BY_PLACES);
        assertThat(comparison.version()).isEqualTo(ComparisonFormat.LATEST);
        // the cable at (0.902,0.912): of the places of the bottom right cell 0.15 to 0.3 from its contour (a disc of 0.05),
        // 51 % lie to its top left, 27 % above it, 20 % to its left: only the top left is likely, where by halves the top
        // was too
        assertThat(cellAgainstCable(comparison, "bottom right", "top left"))
                .isEqualTo(pick + "bottom right, top left cable: cable at (0.902,0.912) in the bottom right, its bottom right, "
                        + "top left of it, top left: top, top:1 and left, left:1");
        assertThat(cellAgainstCable(comparison, "bottom right", "top")).endsWith("top left of it, top center: top, top:1 and left, center:0");
        // the middle right cell's places near it lie above it (77 %) or to its top left (23 %, not likely)
        assertThat(cellAgainstCable(comparison, "middle right", "top left"))
                .endsWith("in the bottom right, its bottom right, top center of it, top left: top, top:1 and center, left:0");
        // the bottom center cell's: to its left (73 %) or top left (27 %)
        assertThat(cellAgainstCable(comparison, "bottom center", "left"))
                .endsWith("in the bottom right, its bottom right, middle left of it, middle left: middle, middle:1 and left, left:1");
        // no place of the top right cell is near enough: the direction of the cell's center
        assertThat(cellAgainstCable(comparison, "top right", "top"))
                .endsWith("in the bottom right, its bottom right, top center of it, top center: top, top:1 and center, center:1");
        assertTheLinesTheWordsDecideAreVersionOnes(comparison);
    }

    @Test
    void byPlacesTheWordsAfterTheCopiedCenterFollowFromItAndFromWhatTheGroundingSentenceListsBesideTheTargetAndTheReference() {
        var places = ComparisonFormat.BY_PLACES;
        // the peach at (0.730,0.718): the middle right cell's places near it lie above it (44 %) or to its top right (50 %)
        String copied = "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1 and middle right, top right peach: peach at "
                + "(0.730,0.718) in the";
        String both = copied + " bottom right, its top left, top center or right of it, top right: top, top:1 and center or right, right:1";
        String grounding = "There are 2 objects in the image: sugar box at (0.346,0.432), peach at (0.730,0.718).\n";
        assertThat(places.held(grounding + both + "\n1")).isEmpty();
        // an apple at (0.950,0.600) is nearer those to the right: only above it is likely
        String withApple = "There are 3 objects in the image: sugar box at (0.346,0.432), peach at (0.730,0.718), apple at "
                + "(0.950,0.600).\n";
        String aboveOnly = copied + " bottom right, its top left, top center of it, top right: top, top:1 and center, right:0";
        assertThat(places.held(withApple + both + "\n1")).contains(withApple + aboveOnly);
        String above = copied + " bottom right, its top left, top center of it, top right: top, top:1 and center, right:";
        assertThat(places.held(withApple + above + "0\n0")).isEmpty();
        assertThat(places.held(withApple + above + "1\n1")).contains(withApple + above + "0");
        // the target is not in the way: it moves
        String withLemon = withApple.replace("apple", "lemon");
        assertThat(places.held(withLemon + both + "\n1")).isEmpty();
        // a sentence that does not read lists nothing: the reference alone decides, the apple not read
        assertThat(places.held(withApple.replace("(0.950,0.600)", "(0.950,") + both + "\n1")).isEmpty();
        // by halves the same line is held to the quarter's words
        assertThat(ComparisonFormat.BY_HALVES.held(grounding + both + "\n1")).isEmpty();
        assertThat(ComparisonFormat.BY_HALVES.held(withApple + above + "0\n0"))
                .contains(withApple + copied + " bottom right, its top left, top center or right of it,");
        // by places the rest of the line follows too: a verdict that miscopies its set (as a model taught by halves
        // writes where the words are by places), one that stops early, spaces at its end
        String middle = "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1 and middle right, middle right peach: peach "
                + "at (0.730,0.718) in the bottom right, its top left, ";
        assertThat(places.held(grounding + middle + "top center or right of it, middle right: top, middle:0\n0")).isEmpty();
        assertThat(places.held(grounding + middle + "top center or right of it, middle right: middle, middle:1 and right, right:1\n1"))
                .contains(grounding + middle + "top center or right of it, middle right: top, middle:0");
        assertThat(places.held(withApple + above.replace(" and center, right:", "") + "\n1")).contains(withApple + above + "0");
        assertThat(places.held(withApple + above + "0  \n0")).isEmpty();
        // every line the format writes holds, with the scene it was written for as the sentence
        String sentence = new GroundingFormat().write(PaperScene.SCENE) + "\n";
        for (String[] pair : WRITTEN_PAIRS) {
            String line = places.write(PaperScene.SCENE, pair[0], pair[1]);
            assertThat(places.held(sentence + line + "\n1")).as(line).isEmpty();
        }
        for (String cell : List.of("top left", "top center", "top right", "middle left", "middle center", "middle right",
                "bottom left", "bottom center", "bottom right")) {
            for (String direction : List.of("top left", "top", "top right", "left", "right", "bottom left", "bottom",
                    "bottom right")) {
                String line = cellAgainst(places, cell, direction, "mustard bottle");
                assertThat(places.held(sentence + line + "\n1")).as(line).isEmpty();
            }
        }
        var format = LacyPromptFormat.withChainOfThought().withComparisonLine(3);
        assertThat(format.comparisonLine()).isEqualTo(3);
        assertThat(format.comparisonHeld(withApple + both + "\n1")).contains(withApple + aboveOnly);
    }

    @Test
    void byHalvesAVerdictIsWhetherTheWordIsOneOfTheSetAndTheWordsAfterTheCopiedCenterFollowFromIt() {
        var halves = ComparisonFormat.BY_HALVES;
        String grounding = "There are 2 objects in the image: sugar box at (0.346,0.432), peach at (0.730,0.718).\n";
        // the peach at (0.730,0.718) is in the top left quarter of the bottom right cell; the middle right cell is above it
        String copied = "L2C \"Take the lemon\", \"Pick up the lemon\": lemon, lemon:1 and middle right, top left peach: peach at "
                + "(0.730,0.718) in the";
        String words = " bottom right, its top left, top center or right of it,";
        String left = copied + words + " top left: top, top:1 and center or right, left:";
        assertThat(halves.held(grounding + left + "0\n0")).isEmpty();
        assertThat(halves.held(grounding + left + "1\n1")).contains(grounding + left + "0");
        String right = left.replace("top left peach", "top right peach").replace("top left: top", "top right: top")
                .replace("right, left:", "right, right:");
        assertThat(halves.held(grounding + right + "1\n1")).isEmpty();
        assertThat(halves.held(grounding + right + "0\n0")).contains(grounding + right + "1");
        // the words after the copied center follow from it and the instruction's cell: written by cells, held to halves
        assertThat(halves.held(grounding + copied + " bottom right, top center of it, top left: top, top:1 and center, left:0\n0"))
                .contains(grounding + copied + words);
        assertThat(halves.held(grounding + copied + " bottom right, its top right, top center or left of it, top left: top, top:1"))
                .contains(grounding + copied + words);
        // ... and by cells a line written by halves is held to the cells' words
        assertThat(ComparisonFormat.BY_CELLS.held(grounding + left + "0\n0")).contains(grounding + copied + " bottom right, top center of it,");
        // every line the format writes holds
        for (String[] pair : WRITTEN_PAIRS) {
            String line = halves.write(PaperScene.SCENE, pair[0], pair[1]);
            assertThat(halves.held(grounding + line + "\n1")).as(line).isEmpty();
        }
        var format = LacyPromptFormat.withChainOfThought().withComparisonLine(2);
        assertThat(format.comparisonLine()).isEqualTo(2);
        assertThat(LacyPromptFormat.withChainOfThought().comparisonLine()).isEqualTo(1);
        assertThat(format.withPickPhrases().comparisonLine()).as("kept with the pick phrases").isEqualTo(2);
        assertThat(format.comparisonHeld(grounding + left + "1\n1")).contains(grounding + left + "0");
        assertThat(format.l2cTarget(PaperScene.SCENE, "Pick the lemon and place it in the top right of the workspace",
                "Pick the lemon and place it to the top left of the cable", true)).contains("its bottom right, top center or left of it");
        assertThatThrownBy(() -> LacyPromptFormat.withoutChainOfThought().withComparisonLine(2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chain of thought");
    }

    @Test
    void theComparisonLineSetsTheTwoInstructionsSideBySideThenTheirRowsAndColumnsWithAVerdictWhereTheWordsDecideItAndEndsAtTheFirstZero() {
        var comparison = ComparisonFormat.BY_CELLS;
        java.util.function.BiFunction<String, String, String> line = (a, b) -> comparison.write(PaperScene.SCENE, a, b);

        assertThat(line.apply("Pick the lemon and place it in the middle right of the workspace",
                "Grab the lemon and move it on the middle right of the table"))
                .isEqualTo("L2C \"Pick the lemon\", \"Grab the lemon\": lemon, lemon:1 and middle right, middle right: middle, middle:1 and right, right:1");
        // rows first, then columns, each two words three tokens apart; the first that differ ends the line
        assertThat(line.apply("Pick the lemon and place it in the center of the workspace",
                "Grab the lemon and move it on the middle left of the table"))
                .isEqualTo("L2C \"Pick the lemon\", \"Grab the lemon\": lemon, lemon:1 and middle center, middle left: middle, middle:1 and center, left:0");
        assertThat(line.apply("Pick the lemon and place it in the top right of the workspace",
                "Grab the lemon and move it on the bottom right of the table"))
                .isEqualTo("L2C \"Pick the lemon\", \"Grab the lemon\": lemon, lemon:1 and top right, bottom right: top, bottom:0");
        assertThat(line.apply("Pick the lemon and place it to the top of the bowl", "Take the lemon and put it to the top of the bowl"))
                .isEqualTo("L2C \"Pick the lemon\", \"Take the lemon\": lemon, lemon:1 and top center bowl, top center bowl: top, top:1 and center, center:1");
        assertThat(line.apply("Pick the lemon and place it in the middle right of the workspace",
                "Pick the tuna fish can and place it in the top center of the workspace"))
                .isEqualTo("L2C \"Pick the lemon\", \"Pick the tuna fish can\": lemon, tuna fish can:0");
        // two targets that differ decide it: the line ends with their verdict, whatever the placements
        assertThat(line.apply("Pick the lemon and place it to the left of the bowl", "Take the mug and put it to the left of the bowl"))
                .isEqualTo("L2C \"Pick the lemon\", \"Take the mug\": lemon, mug:0");
        assertThat(line.apply("Pick the lemon and place it to the left of the bowl", "Take the lemon and put it to the top left of the bowl"))
                .isEqualTo("L2C \"Pick the lemon\", \"Take the lemon\": lemon, lemon:1 and middle left bowl, top left bowl: middle, top:0");
        // a cell against a direction: the reference's cell, where the cell lies from it, then that against the direction
        // (the cable is in the bottom right; the top right cell is above it, the middle left one above and to its left)
        assertThat(cellAgainstCable(comparison, "top right", "top"))
                .isEqualTo("L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and top right, top center cable: "
                        + "cable at (0.902,0.912) in the bottom right, top center of it, top center: top, top:1 and center, center:1");
        assertThat(cellAgainstCable(comparison, "middle left", "top"))
                .isEqualTo("L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and middle left, top center cable: "
                        + "cable at (0.902,0.912) in the bottom right, top left of it, top center: top, top:1 and left, center:0");
        // in the reference's own cell the cell lies in no direction from it ("middle center")
        assertThat(cellAgainstCable(comparison, "bottom right", "left"))
                .endsWith("cable at (0.902,0.912) in the bottom right, middle center of it, middle left: middle, middle:1 and center, left:0");
        // a direction against a cell, or two references, depends on where the demonstration put the object: no verdict
        assertThat(line.apply("Pick the lemon and place it to the left of the cable", "Pick the lemon and place it in the middle right of the workspace"))
                .isEqualTo("L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and middle left cable, middle right");
        assertThat(line.apply("Pick the lemon and place it to the left of the cable", "Pick the lemon and place it to the left of the mustard bottle"))
                .isEqualTo("L2C \"Pick the lemon\", \"Pick the lemon\": lemon, lemon:1 and middle left cable, middle left mustard bottle");
        assertThatThrownBy(() -> line.apply("Pick the lemon and place it in the center", "Pick the lemon and place it to the left of the mug"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mug'");
        assertThatThrownBy(() -> LacyPromptFormat.withChainOfThought().l2cTarget(PaperScene.SCENE, "Pick the lemon",
                "Pick the lemon and place it in the center", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Pick the lemon'");
    }

    @Test
    void aTargetForAnInstructionThatDoesNotFitTheSceneNamesWhatIsWrong() {
        var cot = LacyPromptFormat.withChainOfThought();
        var action = PickPlaceAction.of(0.513, 0.512, 0.773, 0.531);
        assertThatThrownBy(() -> cot.l2aTarget(PaperScene.SCENE, "Pick the mug and place it to the left of the lemon", action))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mug'").hasMessageContaining("not in the scene");
        assertThatThrownBy(() -> cot.l2aTarget(PaperScene.SCENE, "Pick the lemon and place it to the left of the mug", action))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mug'");
        assertThatThrownBy(() -> cot.l2aTarget(PaperScene.SCENE, "dance", action))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dance'");
    }

    @Provide
    Arbitrary<Scene> scenes() {
        var names = List.of("lemon", "mustard bottle", "yellow block", "cable", "red wood block", "tomato soup can");
        Arbitrary<Double> unit = Arbitraries.doubles().between(0, 1);
        return Arbitraries.integers().between(1, names.size()).flatMap(n ->
                unit.list().ofSize(2 * n).map(coordinates -> {
                    var objects = new ArrayList<SceneObject>();
                    for (int i = 0; i < n; i++) {
                        objects.add(new SceneObject(names.get(i), new Point(coordinates.get(2 * i), coordinates.get(2 * i + 1)), 0.05));
                    }
                    return new Scene(objects);
                }));
    }

    /** The comparison line of placing the lemon in {@code cell} against placing it in {@code direction} of the cable. */
    /** The lines the words decide (all but a cell against a direction) are the same in every version. */
    private static void assertTheLinesTheWordsDecideAreVersionOnes(ComparisonFormat comparison) {
        for (String[] pair : WRITTEN_PAIRS) {
            if (!pair[0].contains("workspace") || pair[1].contains("workspace") || pair[1].contains("table")) {
                assertThat(comparison.write(PaperScene.SCENE, pair[0], pair[1])).as(pair[0] + " / " + pair[1])
                        .isEqualTo(ComparisonFormat.BY_CELLS.write(PaperScene.SCENE, pair[0], pair[1]));
            }
        }
    }

    private static String cellAgainstCable(ComparisonFormat comparison, String cell, String direction) {
        return cellAgainst(comparison, cell, direction, "cable");
    }

    private static String cellAgainst(ComparisonFormat comparison, String cell, String direction, String reference) {
        return comparison.write(PaperScene.SCENE, "Pick the lemon and place it in the " + cell + " of the workspace",
                "Pick the lemon and place it to the " + direction + " of the " + reference);
    }
}
