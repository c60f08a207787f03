package dev.lacy.examples.pipeline;

import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.Workcell;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.GroundingMatch;
import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PretrainingCaptions;
import dev.lacy.core.format.ReferentsFormat;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.port.Decoding;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.LacyTask;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.scene.SceneObject;
import dev.lacy.core.spatial.Instruction;
import dev.lacy.core.spatial.Placement;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.sim.tabletop.TabletopEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How well a model grounds objects (the CoT step, and what base pretraining teaches): the share of
 * scenes whose grounding sentence names exactly the scene's objects, the share of objects named and
 * placed within their footprint, and the mean center error of the named ones; and how well it looks
 * things up in its own context, with the grounded captions of pretraining about one object per
 * scene (the {@code i}-th scene asks about its object {@code i mod count}): "Where is the X?"
 * answered with a point inside X, "What is at (x,y)?" at X's center answered with X's name, the same at the
 * scene's test pick point (seldom an object's center: A2L's lookup, from the point in its prompt to the name it
 * describes) answered with the name of the object the instruction picks, and
 * "What does the instruction "..." ask for?" about the scene's own test instruction answered with
 * exactly the words of its referents line (the L2A chain of thought's second line), and with a place point that is
 * right for L2A: with the picked object's center as the pick point, the judge accepts the action and the embedded arm
 * places the object where the judge still accepts it. The scenes where the point L2A is taught is not the obvious one
 * (the cell's center taken, the ideal relative point not clear: {@link SpatialDescriber#canonicalCellPlace},
 * {@link SpatialDescriber#canonicalPlace}) are counted apart.
 */
public final class GroundingEvaluation {

    /**
     * Shares in [0, 1]; {@code meanError} in normalized image units; {@code misses}: every scene whose grounding sentence
     * does not name exactly its objects, in scene order.
     */
    public record Result(int scenes, double exactScenes, double objectsWithinFootprint, double meanError, int malformed,
                         double whereInside, double whatRight, double whatAtPickRight, double askRight, double askPlaceRight,
                         int askMoved, int askMovedRight, List<Miss> misses) {
        public Result {
            misses = List.copyOf(misses);
        }
    }

    /**
     * A scene whose grounding sentence is malformed or names other objects: the scene's index, its objects' names
     * (sorted), the names the model wrote (sorted; those it lists where the count is wrong, empty when none can be read) and
     * the sentence as written.
     */
    public record Miss(int scene, List<String> expected, List<String> written, boolean malformed, String sentence) {
        public Miss {
            expected = List.copyOf(expected);
            written = List.copyOf(written);
        }
    }

    private GroundingEvaluation() {
    }

    /** As {@link #evaluate(ModelLoader, Path, List, boolean)}, each grounding sentence held to itself. */
    public static Result evaluate(ModelLoader loader, Path model, List<Demonstration> test) {
        return evaluate(loader, model, test, true);
    }

    /**
     * The shares above over {@code test}; with {@code holds}, each grounding sentence held to itself as {@link
     * Lacy#ground} holds it (an object written twice dropped, the list and its count made to agree), otherwise as the
     * model writes it ({@code lacy eval --grounding --raw-copies}).
     */
    public static Result evaluate(ModelLoader loader, Path model, List<Demonstration> test, boolean holds) {
        int exact = 0;
        int objects = 0;
        int within = 0;
        int matched = 0;
        int malformed = 0;
        double error = 0;
        int where = 0;
        int what = 0;
        int whatAtPick = 0;
        int ask = 0;
        int askPlace = 0;
        int askMoved = 0;
        int askMovedRight = 0;
        var judge = new ActionJudge(SpatialThresholds.PAPER);
        var describer = new SpatialDescriber(SpatialThresholds.PAPER);
        Workcell workcell = TabletopEvaluation.workcell();
        var referents = new ReferentsFormat();
        var parser = new InstructionParser();
        var misses = new java.util.ArrayList<Miss>();
        try (VisionLanguageModel vlm = loader.load(new dev.lacy.core.port.ModelRef(model))) {
            var lacy = new Lacy(vlm, LacyPromptFormat.withChainOfThought(), ModelEvaluations.MAX_NEW_TOKENS, holds);
            for (int i = 0; i < test.size(); i++) {
                Demonstration d = test.get(i);
                Scene scene = d.observation().requireGroundTruth("grounding evaluation");
                SceneObject asked = scene.objects().get(i % scene.objects().size());
                where += PretrainingCaptions.pointIn(answer(vlm, d, PretrainingCaptions.wherePrompt(asked.name())))
                        .filter(asked::covers).isPresent() ? 1 : 0;
                String name = answer(vlm, d, PretrainingCaptions.whatPrompt(asked.center()));
                what += lastLine(name).equals(PretrainingCaptions.whatAnswer(asked)) ? 1 : 0;
                Instruction instruction;
                String expected;
                String expectedInItsWords;
                try {
                    instruction = parser.parse(d.instruction()).orElseThrow();
                    expected = referents.write(scene, instruction);
                    // a base taught the pick phrases (PromptFormat.pickPhrases) answers with the instruction's own
                    expectedInItsWords = referents.write(scene, instruction, parser.pickPhrase(d.instruction(), instruction),
                            null, null);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("test scene " + i + ", instruction '" + d.instruction() + "': "
                            + e.getMessage(), e);
                }
                // the referents line names only objects of the scene
                SceneObject picked = scene.find(instruction.target()).orElseThrow();
                whatAtPick += lastLine(answer(vlm, d, PretrainingCaptions.whatPrompt(d.action().pick())))
                        .equals(PretrainingCaptions.whatAnswer(picked)) ? 1 : 0;
                String line = lastLine(answer(vlm, d, PretrainingCaptions.askPrompt(d.instruction())));
                String read = referents.withoutPlacePoint(line);
                ask += read.equals(expected) || read.equals(expectedInItsWords) ? 1 : 0;
                boolean placeRight = referents.placePoint(line).filter(place -> placesRight(judge, workcell, scene, instruction,
                        new PickPlaceAction(picked.center(), place))).isPresent();
                askPlace += placeRight ? 1 : 0;
                if (moved(describer, scene, instruction)) {
                    askMoved++;
                    askMovedRight += placeRight ? 1 : 0;
                }
                String text = lacy.ground(List.of(d.observation().image())).get(0);
                GroundingMatch g = GroundingMatch.of(scene, text.strip());
                objects += g.objects();
                malformed += g.malformed() ? 1 : 0;
                if (g.exact()) {
                    exact++;
                } else {
                    misses.add(new Miss(i, g.expected(), g.written(), g.malformed(), text.strip()));
                }
                matched += g.matched();
                error += g.error();
                within += g.within();
            }
        }
        int n = test.size();
        return new Result(n, (double) exact / n, (double) within / Math.max(1, objects), matched == 0 ? Double.NaN : error / matched,
                malformed, (double) where / n, (double) what / n, (double) whatAtPick / n, (double) ask / n,
                (double) askPlace / n, askMoved, askMovedRight, misses);
    }

    /** True when the judge accepts the action and the arm places the object where the judge still accepts it, as L2A is scored. */
    private static boolean placesRight(ActionJudge judge, Workcell workcell, Scene scene, Instruction instruction,
                                       PickPlaceAction action) {
        return judge.judge(scene, instruction, action).success()
                && Evaluator.execute(judge, workcell, scene, instruction, action).placedWell();
    }

    /** True when the place point L2A is taught for {@code instruction} is not the obvious one (the cell's center, the ideal relative point). */
    static boolean moved(SpatialDescriber describer, Scene scene, Instruction instruction) {
        SceneObject target = scene.find(instruction.target()).orElseThrow();
        if (instruction.placement() instanceof Placement.Absolute absolute) {
            return !describer.canonicalCellPlace(scene, target, absolute.cell()).equals(Optional.of(absolute.cell().center()));
        }
        var relative = (Placement.Relative) instruction.placement();
        return !describer.canonicalPlace(scene, target, relative).equals(describer.idealPlace(scene, target, relative));
    }

    private static String lastLine(String completion) {
        return completion.substring(completion.lastIndexOf('\n') + 1).strip();
    }

    /** The base model's greedy completion of a caption prompt: its grounding sentence, a newline, the answer. */
    private static String answer(VisionLanguageModel vlm, Demonstration d, String prompt) {
        return vlm.generate(new GenerationRequest(LacyTask.GROUNDING, d.observation().image(), prompt, Decoding.greedy(), 1,
                ModelEvaluations.MAX_NEW_TOKENS, List.of())).get(0);
    }
}
