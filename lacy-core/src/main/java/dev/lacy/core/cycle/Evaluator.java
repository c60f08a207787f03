package dev.lacy.core.cycle;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.format.GroundingMatch;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.judge.Verdict;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.spatial.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The evaluation protocol of docs/method.md ("Evaluation") on test demonstrations with known scenes.
 * L2A: the predicted action satisfies the instruction in the judge's eyes and, with a workcell,
 * executing it grasps the named object and places it where the judge accepts. A2L: the judge accepts
 * the generated description for the demonstrated action. L2C: accuracy of {@code c >= 0.5} on one
 * consistent and one inconsistent pair per scene (balanced), labelled by the judge. Every L2A and A2L miss
 * is named with its reason ({@link EvaluationReport#l2aMisses}, {@link EvaluationReport#a2lMisses}).
 */
public final class Evaluator {

    private final ActionJudge judge;
    private final ConsistencyPairs pairs;
    private final Optional<Workcell> workcell;
    private final long seed;
    private final InstructionParser parser = new InstructionParser();

    public Evaluator(ActionJudge judge, ConsistencyPairs pairs, Optional<Workcell> workcell, long seed) {
        this.judge = judge;
        this.pairs = pairs;
        this.workcell = workcell;
        this.seed = seed;
    }

    /**
     * Scenes whose model calls {@link #evaluate} computes together ({@link #evaluateScenes}): a few large calls instead of
     * four per scene.
     */
    public static final int BATCH = 16;

    public EvaluationReport evaluate(Lacy lacy, List<Demonstration> testSet) {
        List<L2cPair> pairs = l2cPairs(testSet);
        var results = new ArrayList<SceneResult>(testSet.size());
        for (int from = 0; from < testSet.size(); from += BATCH) {
            int to = Math.min(testSet.size(), from + BATCH);
            results.addAll(evaluateScenes(lacy, testSet.subList(from, to), from, pairs.subList(from, to)));
        }
        return report(results);
    }

    /** The two L2C pairs of one test scene: its instruction with one consistent and one inconsistent instruction. */
    public record L2cPair(String consistent, String inconsistent) {
    }

    /**
     * What one test scene scored: L2A (judged and executed), picked and placed, why L2A missed, why A2L missed (empty
     * when it succeeded), the two L2C cases (consistent, then inconsistent) and those of them answered wrongly, and
     * the L2A completion's grounding sentence against the scene (empty for a prompt format without chain of thought).
     */
    public record SceneResult(int index, boolean l2a, boolean pick, boolean pickAndPlace,
                              Optional<EvaluationReport.L2aMiss> miss, Optional<EvaluationReport.A2lMiss> a2lMiss,
                              LabelledConfidence consistent, LabelledConfidence inconsistent,
                              List<EvaluationReport.L2cMiss> l2cMisses, Optional<GroundingMatch> l2aGrounding) {

        public SceneResult {
            l2cMisses = List.copyOf(l2cMisses);
            if (l2aGrounding == null) {
                throw new IllegalArgumentException("scene " + index + ": a scene result needs its L2A grounding (or empty)");
            }
        }

        /** Whether A2L succeeded: the judge accepts the description for the demonstrated action. */
        public boolean a2l() {
            return a2lMiss.isEmpty();
        }
    }

    /**
     * The L2C pairs of a test set, drawn scene after scene from one random source seeded by the evaluator's seed:
     * computed from the scenes alone (no model), so that scenes can be evaluated apart, anywhere, with the pairs the
     * whole test set gives them.
     */
    public List<L2cPair> l2cPairs(List<Demonstration> testSet) {
        var random = new SplittableRandom(seed);
        var result = new ArrayList<L2cPair>(testSet.size());
        for (int i = 0; i < testSet.size(); i++) {
            Demonstration test = testSet.get(i);
            Scene scene = test.observation().requireGroundTruth("evaluation of test sample " + i);
            String consistent = pairs.consistentWith(scene, test.action(), test.instruction(), random);
            String inconsistent = pairs.inconsistentWith(scene, test.action(), random);
            result.add(new L2cPair(consistent, inconsistent));
        }
        return result;
    }

    /** Test scene {@code index} evaluated with its L2C pair ({@link #l2cPairs}). */
    public SceneResult evaluateScene(Lacy lacy, Demonstration test, int index, L2cPair pair) {
        return evaluateScenes(lacy, List.of(test), index, List.of(pair)).get(0);
    }

    /**
     * Consecutive test scenes, the first of them scene {@code firstIndex}, each with its L2C pair ({@link #l2cPairs}), each
     * evaluated as {@link #evaluateScene} evaluates it, their model calls computed together: every L2A in one {@link
     * Lacy#l2aAll}, every A2L in one {@link Lacy#a2lAll}, both L2C cases of every scene in one {@link Lacy#l2cAll}.
     */
    public List<SceneResult> evaluateScenes(Lacy lacy, List<Demonstration> tests, int firstIndex, List<L2cPair> pairs) {
        if (tests.size() != pairs.size()) {
            throw new IllegalArgumentException(tests.size() + " test scenes but " + pairs.size() + " L2C pairs");
        }
        var scenes = new ArrayList<Scene>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            scenes.add(tests.get(i).observation().requireGroundTruth("evaluation of test sample " + (firstIndex + i)));
        }
        List<RgbImage> images = tests.stream().map(t -> t.observation().image()).toList();
        List<String> instructions = tests.stream().map(Demonstration::instruction).toList();
        // with a format that grounds first, each image once for all three tasks
        List<String> givens = lacy.groundings(images);
        List<TaskAnswer<PickPlaceAction>> actions = lacy.l2aAll(images, instructions, givens);
        List<TaskAnswer<String>> descriptions = lacy.a2lAll(images, tests.stream().map(Demonstration::action).toList(),
                givens);
        var twice = new ArrayList<RgbImage>();
        var firsts = new ArrayList<String>();
        var seconds = new ArrayList<String>();
        var givenTwice = new ArrayList<String>();
        for (int i = 0; i < tests.size(); i++) {
            givenTwice.addAll(List.of(givens.get(i), givens.get(i)));
            twice.addAll(List.of(images.get(i), images.get(i)));
            firsts.addAll(List.of(instructions.get(i), instructions.get(i)));
            seconds.addAll(List.of(pairs.get(i).consistent(), pairs.get(i).inconsistent()));
        }
        List<ConsistencyCheck> checks = lacy.l2cAll(twice, firsts, seconds, givenTwice);
        var results = new ArrayList<SceneResult>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            int index = firstIndex + i;
            Demonstration test = tests.get(i);
            Execution execution = l2a(scenes.get(i), test.instruction(), actions.get(i));
            Optional<EvaluationReport.L2aMiss> miss = execution.miss.map(m -> new EvaluationReport.L2aMiss(index,
                    test.instruction(), m.reason(), m.detail(), execution.completion));
            Optional<EvaluationReport.A2lMiss> a2lMiss = a2l(scenes.get(i), test, index, descriptions.get(i));
            var l2cMisses = new ArrayList<EvaluationReport.L2cMiss>(2);
            LabelledConfidence consistent = l2c(checks.get(2 * i), test.instruction(), pairs.get(i).consistent(), true, index,
                    l2cMisses);
            LabelledConfidence inconsistent = l2c(checks.get(2 * i + 1), test.instruction(), pairs.get(i).inconsistent(), false,
                    index, l2cMisses);
            Optional<GroundingMatch> grounding = lacy.format().chainOfThought()
                    ? Optional.of(GroundingMatch.ofCompletion(scenes.get(i), actions.get(i).raw())) : Optional.empty();
            results.add(new SceneResult(index, execution.l2a, execution.pick, execution.pickAndPlace, miss, a2lMiss, consistent,
                    inconsistent, l2cMisses, grounding));
        }
        return List.copyOf(results);
    }

    /** A2L on one test scene: empty when the judge accepts the description for the demonstrated action, else why not. */
    private Optional<EvaluationReport.A2lMiss> a2l(Scene scene, Demonstration test, int index, TaskAnswer<String> answer) {
        if (!(answer instanceof TaskAnswer.Answered<String> answered)) {
            String why = answer instanceof TaskAnswer.Malformed<String> malformed ? malformed.reason() : "";
            return Optional.of(new EvaluationReport.A2lMiss(index, test.instruction(), EvaluationReport.MALFORMED, why,
                    answer.raw()));
        }
        Verdict verdict = judge.judge(scene, answered.value(), test.action());
        return verdict.success() ? Optional.empty() : Optional.of(new EvaluationReport.A2lMiss(index, test.instruction(),
                reason(verdict), verdict.reason(), answer.raw()));
    }

    private static String reason(Verdict verdict) {
        return verdict.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static LabelledConfidence l2c(ConsistencyCheck check, String instruction, String other, boolean truth,
                                          int index, List<EvaluationReport.L2cMiss> misses) {
        var labelled = new LabelledConfidence(truth, check.confidence());
        if (!labelled.correct()) {
            misses.add(new EvaluationReport.L2cMiss(index, instruction, other, truth, check.confidence(), check.reasoning()));
        }
        return labelled;
    }

    /** The report of a whole test set from its scenes' results, which must be scenes 0 to n - 1 in order. */
    public EvaluationReport report(List<SceneResult> results) {
        int l2a = 0;
        int a2l = 0;
        int pick = 0;
        int pickAndPlace = 0;
        var l2aMisses = new ArrayList<EvaluationReport.L2aMiss>();
        var a2lMisses = new ArrayList<EvaluationReport.A2lMiss>();
        var l2cMisses = new ArrayList<EvaluationReport.L2cMiss>();
        var l2cCases = new ArrayList<LabelledConfidence>(2 * results.size());
        int groundedScenes = 0;
        int exactGroundings = 0;
        int objects = 0;
        int within = 0;
        for (int i = 0; i < results.size(); i++) {
            SceneResult r = results.get(i);
            if (r.index() != i) {
                throw new IllegalArgumentException("scene results must be scenes 0 to " + (results.size() - 1)
                        + " in order; result " + i + " is scene " + r.index());
            }
            l2a += r.l2a() ? 1 : 0;
            pick += r.pick() ? 1 : 0;
            pickAndPlace += r.pickAndPlace() ? 1 : 0;
            r.miss().ifPresent(l2aMisses::add);
            a2l += r.a2l() ? 1 : 0;
            r.a2lMiss().ifPresent(a2lMisses::add);
            l2cCases.add(r.consistent());
            l2cCases.add(r.inconsistent());
            l2cMisses.addAll(r.l2cMisses());
            if (r.l2aGrounding().isPresent()) {
                GroundingMatch g = r.l2aGrounding().get();
                groundedScenes++;
                exactGroundings += g.exact() ? 1 : 0;
                objects += g.objects();
                within += g.within();
            }
        }
        if (groundedScenes != 0 && groundedScenes != results.size()) {
            throw new IllegalArgumentException("either every scene result has its L2A grounding or none has: "
                    + groundedScenes + " of " + results.size() + " have");
        }
        int n = results.size();
        int l2cCorrect = (int) l2cCases.stream().filter(LabelledConfidence::correct).count();
        Optional<TaskScore> pickScore = workcell.isPresent() ? Optional.of(new TaskScore(pick, n)) : Optional.empty();
        Optional<TaskScore> pickAndPlaceScore =
                workcell.isPresent() ? Optional.of(new TaskScore(pickAndPlace, n)) : Optional.empty();
        Optional<GroundingScore> grounding = groundedScenes == 0 ? Optional.empty()
                : Optional.of(new GroundingScore(new TaskScore(exactGroundings, n), new TaskScore(within, objects)));
        return new EvaluationReport(n, new TaskScore(l2a, n), new TaskScore(a2l, n), new TaskScore(l2cCorrect, 2 * n),
                pickScore, pickAndPlaceScore, l2aMisses, a2lMisses, l2cCases, l2cMisses, grounding);
    }

    private Execution l2a(Scene scene, String instruction, TaskAnswer<PickPlaceAction> answer) {
        if (!(answer instanceof TaskAnswer.Answered<PickPlaceAction> answered)) {
            String why = answer instanceof TaskAnswer.Malformed<PickPlaceAction> malformed ? malformed.reason() : "";
            return new Execution(false, false, false, Optional.of(new Miss(EvaluationReport.MALFORMED, why)), answer.raw());
        }
        PickPlaceAction action = answered.value();
        Verdict verdict = judge.judge(scene, instruction, action);
        Optional<Miss> judged = verdict.success() ? Optional.empty()
                : Optional.of(new Miss(reason(verdict), verdict.reason()));
        Optional<Instruction> named = parser.parse(instruction) instanceof Parsed.Ok<Instruction> ok
                ? Optional.of(ok.value()) : Optional.empty();
        if (workcell.isEmpty() || named.isEmpty()) {
            // without a workcell, or for an instruction no action can satisfy, nothing is executed
            return new Execution(verdict.success(), false, false, judged, answer.raw());
        }
        Executed executed = execute(judge, workcell.get(), scene, named.get(), action);
        Optional<Miss> miss = judged.isPresent() || executed.placedWell() ? judged
                : Optional.of(new Miss(EvaluationReport.EXECUTION, "the arm " + executed.outcome().describe()));
        return new Execution(verdict.success() && executed.placedWell(), executed.picked(), executed.placedWell(), miss,
                answer.raw());
    }

    /**
     * L2A's execution check: stages {@code scene} in the workcell, executes {@code action} and tells whether the arm
     * grasped the object {@code instruction} names and whether it placed it where the judge accepts the instruction
     * (with the point the object came to rest at in place of the action's place point).
     */
    public static Executed execute(ActionJudge judge, Workcell workcell, Scene scene, Instruction instruction,
                                   PickPlaceAction action) {
        String target = instruction.target();
        workcell.stager().stage(scene);
        PickPlaceOutcome outcome = workcell.arm().pickAndPlace(action);
        boolean picked = outcome instanceof PickPlaceOutcome.Placed placed && placed.object().equals(target)
                || outcome instanceof PickPlaceOutcome.PlaceFailed failed && failed.object().equals(target);
        boolean placedWell = outcome instanceof PickPlaceOutcome.Placed placed && placed.object().equals(target)
                && judge.judge(scene, instruction, new PickPlaceAction(action.pick(), placed.placedAt())).success();
        return new Executed(outcome, picked, placedWell);
    }

    /** What {@link #execute} saw: the arm's outcome, whether it grasped the named object and placed it acceptably. */
    public record Executed(PickPlaceOutcome outcome, boolean picked, boolean placedWell) {
    }

    private record Miss(String reason, String detail) {
    }

    private record Execution(boolean l2a, boolean pick, boolean pickAndPlace, Optional<Miss> miss, String completion) {
    }
}
