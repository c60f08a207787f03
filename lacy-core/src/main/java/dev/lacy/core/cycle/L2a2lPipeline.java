package dev.lacy.core.cycle;

import dev.lacy.core.port.Decoding;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.core.scene.RgbImage;
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
        TaskAnswer<PickPlaceAction> action = lacy.l2a(image, instruction);
        if (action.parsed().isEmpty()) {
            return new Cycle(action, Optional.empty(), Optional.empty());
        }
        String given = sharedGrounding ? lacy.groundingOf(action) : "";
        TaskAnswer<String> description = lacy.a2l(image, action.parsed().get(), 1, Decoding.greedy(), given).get(0);
        if (description.parsed().isEmpty()) {
            return new Cycle(action, Optional.of(description), Optional.empty());
        }
        return new Cycle(action, Optional.of(description),
                Optional.of(lacy.l2c(image, instruction, description.parsed().get(), given)));
    }

    /** What one pass produced; the confidence is 0 when a step's output was malformed. */
    public record Cycle(TaskAnswer<PickPlaceAction> action, Optional<TaskAnswer<String>> description,
                        Optional<ConsistencyCheck> check) {

        public double confidence() {
            return check.map(ConsistencyCheck::confidence).orElse(0.0);
        }
    }
}
