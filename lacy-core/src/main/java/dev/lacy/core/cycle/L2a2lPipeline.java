package dev.lacy.core.cycle;

import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The L2A2L pipeline of paper section III-E, run once deterministically: L2A turns the instruction
 * into an action, A2L explains that action, L2C scores the explanation against the instruction.
 */
public final class L2a2lPipeline {

    private final Lacy lacy;

    public L2a2lPipeline(Lacy lacy) {
        this.lacy = lacy;
    }

    /** One pass. A malformed action or description ends the pass early with confidence 0. */
    public Cycle run(RgbImage image, String instruction) {
        return run(image, instruction, false);
    }

    /**
     * One pass; with {@code sharedGrounding} A2L and L2C continue from the grounding sentence L2A wrote
     * ({@link Lacy#groundingOf}) instead of grounding the image again.
     */
    public Cycle run(RgbImage image, String instruction, boolean sharedGrounding) {
        return runAll(List.of(image), List.of(instruction), sharedGrounding).get(0);
    }

    /**
     * One pass over each of several images and instructions, as {@link #run(RgbImage, String, boolean)} gives it, the
     * examples' calls of each task computed together: every L2A in one {@link Lacy#l2aAll} call, the well-formed actions'
     * descriptions in one {@link Lacy#a2lAll}, the well-formed descriptions' checks in one {@link Lacy#l2cAll}.
     */
    public List<Cycle> runAll(List<RgbImage> images, List<String> instructions, boolean sharedGrounding) {
        if (images.size() != instructions.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + instructions.size() + " instructions");
        }
        List<TaskAnswer<PickPlaceAction>> actions = lacy.l2aAll(images, instructions);
        var givens = new ArrayList<String>(actions.size());
        for (TaskAnswer<PickPlaceAction> action : actions) {
            givens.add(sharedGrounding ? lacy.groundingOf(action) : "");
        }
        List<Integer> acting = indices(actions.size(), i -> actions.get(i).parsed().isPresent());
        List<PickPlaceAction> parsed = acting.stream().map(i -> actions.get(i).parsed().orElseThrow()).toList();
        List<TaskAnswer<String>> described = lacy.a2lAll(pick(images, acting), parsed, pick(givens, acting));
        var descriptions = new ArrayList<Optional<TaskAnswer<String>>>(
                java.util.Collections.nCopies(actions.size(), Optional.empty()));
        for (int k = 0; k < acting.size(); k++) {
            descriptions.set(acting.get(k), Optional.of(described.get(k)));
        }
        List<Integer> describing = indices(actions.size(), i -> descriptions.get(i).flatMap(TaskAnswer::parsed).isPresent());
        List<String> texts = describing.stream().map(i -> descriptions.get(i).orElseThrow().parsed().orElseThrow()).toList();
        List<ConsistencyCheck> checked = lacy.l2cAll(pick(images, describing), pick(instructions, describing), texts,
                pick(givens, describing));
        var checks = new ArrayList<Optional<ConsistencyCheck>>(java.util.Collections.nCopies(actions.size(), Optional.empty()));
        for (int k = 0; k < describing.size(); k++) {
            checks.set(describing.get(k), Optional.of(checked.get(k)));
        }
        var cycles = new ArrayList<Cycle>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            cycles.add(new Cycle(actions.get(i), descriptions.get(i), checks.get(i)));
        }
        return List.copyOf(cycles);
    }

    private static List<Integer> indices(int size, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, size).filter(keep).boxed().toList();
    }

    private static <T> List<T> pick(List<T> values, List<Integer> at) {
        return at.stream().map(values::get).toList();
    }

    /** What one pass produced; the confidence is 0 when a step's output was malformed. */
    public record Cycle(TaskAnswer<PickPlaceAction> action, Optional<TaskAnswer<String>> description,
                        Optional<ConsistencyCheck> check) {

        public double confidence() {
            return check.map(ConsistencyCheck::confidence).orElse(0.0);
        }
    }
}
