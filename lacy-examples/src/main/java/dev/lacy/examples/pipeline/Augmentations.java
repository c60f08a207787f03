package dev.lacy.examples.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.cycle.FilterAudit;
import dev.lacy.core.cycle.TaskScore;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.Sample;
import dev.lacy.core.port.DatasetStore;
import java.util.ArrayList;
import java.util.List;

/** What Algorithm 1 reads from a dataset and how its filter's measurements are printed. */
public final class Augmentations {

    private Augmentations() {
    }

    /**
     * The examples of {@code dataset}: an instruction pool's items, or demonstrations' observations and
     * instructions (their actions are not read). Any other kind is an error naming its position.
     */
    public static List<InstructionSample> examples(DatasetStore store, String dataset) {
        List<Sample> samples = store.read(dataset);
        var examples = new ArrayList<InstructionSample>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample instanceof InstructionSample item) {
                examples.add(item);
            } else if (sample instanceof Demonstration demonstration) {
                examples.add(InstructionSample.of(demonstration));
            } else {
                throw new IllegalArgumentException("dataset '" + dataset + "' sample " + i + " is a "
                        + sample.getClass().getSimpleName() + ": Algorithm 1 reads instructions or demonstrations");
            }
        }
        return examples;
    }

    /** The filter's measurements as JSON fields on {@code node}. */
    public static void audit(ObjectNode node, FilterAudit.Tally t) {
        node.put("judgedExamples", t.judged());
        score(node.putObject("precision"), t.precision());
        score(node.putObject("rejectedRight"), t.rejected());
        score(node.putObject("greedyOnSampled"), t.sampledGreedy());
        score(node.putObject("greedyOnConfident"), t.confidentGreedy());
        score(node.putObject("greedy"), t.greedy());
    }

    /** A rate as JSON: right, of, percent and its Wilson 95 % interval. */
    public static void score(ObjectNode node, TaskScore s) {
        double[] ci = s.wilson95();
        node.put("right", s.successes()).put("of", s.total()).put("percent", s.percent()).put("ciLow", ci[0])
                .put("ciHigh", ci[1]);
    }

    /** The filter's measurements in words; a note that nothing was judged where no example knew its scene. */
    public static String auditText(FilterAudit.Tally t) {
        if (t.judged() == 0) {
            return "filter precision: not measured (no example knows its scene)";
        }
        return "filter precision (judge): accepted " + t.precision().describe() + "; rejected candidates right "
                + t.rejected().describe() + "; greedy action on the sampled examples " + t.sampledGreedy().describe()
                + ", on the confident ones " + t.confidentGreedy().describe();
    }
}
