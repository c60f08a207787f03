package dev.lacy.core.cycle;

import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.Scene;
import java.util.Optional;

/**
 * Measures Algorithm 1's filter where an example's scene is known (a simulated pool): the judge, which knows
 * the scene and which Algorithm 1 never consults, decides whether each accepted action, each verified but
 * rejected one, and the first pass's greedy action carry out the instruction. An example without a scene is
 * counted as unjudged.
 */
public final class FilterAudit {

    private final ActionJudge judge;

    public FilterAudit(ActionJudge judge) {
        if (judge == null) {
            throw new IllegalArgumentException("a filter audit needs a judge");
        }
        this.judge = judge;
    }

    /** The counts of one step of Algorithm 1 over {@code example}. */
    public Tally audit(InstructionSample example, AugmentationStep step) {
        Optional<Scene> scene = example.observation().groundTruth();
        if (scene.isEmpty()) {
            return new Tally(1, 0, step.sampled() ? 1 : 0, step.accepted().size(), 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int acceptedRight = 0;
        int acceptedJudged = 0;
        int rejectedRight = 0;
        int rejectedJudged = 0;
        for (AugmentationStep.VerifiedCandidate candidate : step.verified()) {
            boolean right = right(scene.get(), example.instruction(), candidate.action());
            if (candidate.accepted()) {
                acceptedJudged++;
                acceptedRight += right ? 1 : 0;
            } else {
                rejectedJudged++;
                rejectedRight += right ? 1 : 0;
            }
        }
        boolean greedyRight = step.firstPassAction().map(a -> right(scene.get(), example.instruction(), a)).orElse(false);
        int sampled = step.sampled() ? 1 : 0;
        return new Tally(1, 1, sampled, step.accepted().size(), acceptedJudged, acceptedRight, rejectedJudged, rejectedRight,
                greedyRight ? 1 : 0, sampled, sampled == 1 && greedyRight ? 1 : 0,
                sampled == 0 && greedyRight ? 1 : 0);
    }

    private boolean right(Scene scene, String instruction, PickPlaceAction action) {
        return judge.judge(scene, instruction, action).success();
    }

    /**
     * Counts over examples: {@code judged} of them had a known scene; of the distinct candidates verified on
     * those, {@code acceptedRight} of {@code acceptedJudged} accepted ones and {@code rejectedRight} of
     * {@code rejectedJudged} rejected ones carry out the instruction; the first pass's greedy action is right
     * on {@code greedyRight} of the judged examples, on {@code sampledGreedyRight} of the {@code sampledJudged}
     * sampled ones, and on {@code confidentGreedyRight} of the others.
     */
    public record Tally(int examples, int judged, int sampled, int accepted, int acceptedJudged, int acceptedRight,
                       int rejectedJudged, int rejectedRight, int greedyRight, int sampledJudged, int sampledGreedyRight,
                       int confidentGreedyRight) {

        public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counts in the order of the record's components (to store them). */
        public int[] counts() {
            return new int[] {examples, judged, sampled, accepted, acceptedJudged, acceptedRight, rejectedJudged,
                rejectedRight, greedyRight, sampledJudged, sampledGreedyRight, confidentGreedyRight};
        }

        /** The tally of {@link #counts()}. */
        public static Tally of(int[] c) {
            if (c.length != 12) {
                throw new IllegalArgumentException("a tally has 12 counts, not " + c.length);
            }
            return new Tally(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
        }

        public Tally plus(Tally o) {
            return new Tally(examples + o.examples, judged + o.judged, sampled + o.sampled, accepted + o.accepted,
                    acceptedJudged + o.acceptedJudged, acceptedRight + o.acceptedRight, rejectedJudged + o.rejectedJudged,
                    rejectedRight + o.rejectedRight, greedyRight + o.greedyRight, sampledJudged + o.sampledJudged,
                    sampledGreedyRight + o.sampledGreedyRight, confidentGreedyRight + o.confidentGreedyRight);
        }

        /** Filter precision: the share of judged accepted actions that are right. */
        public TaskScore precision() {
            return new TaskScore(acceptedRight, acceptedJudged);
        }

        /** The share of judged rejected candidates that were right (what the filter threw away). */
        public TaskScore rejected() {
            return new TaskScore(rejectedRight, rejectedJudged);
        }

        /** The greedy action's precision on the sampled (low-confidence) judged examples. */
        public TaskScore sampledGreedy() {
            return new TaskScore(sampledGreedyRight, sampledJudged);
        }

        /** The greedy action's precision on every judged example. */
        public TaskScore greedy() {
            return new TaskScore(greedyRight, judged);
        }

        /** The greedy action's precision on the confident (not sampled) judged examples. */
        public TaskScore confidentGreedy() {
            return new TaskScore(confidentGreedyRight, judged - sampledJudged);
        }
    }
}
