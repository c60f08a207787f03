package dev.lacy.sim.tabletop;

import dev.lacy.core.cycle.Evaluator;
import dev.lacy.core.cycle.Workcell;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.judge.ConsistencyPairs;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;
import java.util.Optional;

/**
 * The evaluator of every command and job: L2A actions executed on the embedded tabletop (a kinematic arm on a
 * simulated table, staged with each test scene; it holds no native resources), whichever backend the command was
 * given, so that figures from any machine compare.
 */
public final class TabletopEvaluation {

    /** The table renders nothing during an evaluation (the test images come with the data): any size does. */
    private static final int IMAGE_SIZE = 64;

    private TabletopEvaluation() {
    }

    /** The evaluator with the paper's thresholds whose L2C pairs are drawn from {@code seed}. */
    public static Evaluator evaluator(long seed) {
        var judge = new ActionJudge(SpatialThresholds.PAPER);
        return evaluator(judge, new ConsistencyPairs(new SpatialDescriber(SpatialThresholds.PAPER), judge,
                new InstructionTemplates()), seed);
    }

    /** The evaluator with this judge and these L2C pairs. */
    public static Evaluator evaluator(ActionJudge judge, ConsistencyPairs pairs, long seed) {
        return new Evaluator(judge, pairs, Optional.of(workcell()), seed);
    }

    /** An embedded table of its own that executes actions as the evaluators' do. */
    public static Workcell workcell() {
        EmbeddedTabletop table = EmbeddedTabletop.standard(IMAGE_SIZE);
        return new Workcell(table, table);
    }
}
