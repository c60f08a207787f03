package dev.lacy.core.format;

import dev.lacy.core.data.Demonstration;

/**
 * What L2A is taught for a demonstration without a known scene (a triplet Algorithm 1 accepted), by the trainer
 * and by {@code ./lacy export} alike: the chain of thought the model that generated it wrote, never a scene's. A2L
 * is not taught from such triplets: taught the instruction they were verified against, A2L lost 5 to 7 points on
 * 500 unseen scenes (docs/experiments/2026-12-03-closing-the-cycle.md).
 */
public final class SelfGeneratedTargets {

    private SelfGeneratedTargets() {
    }

    /**
     * The L2A completion a demonstration without a known scene is taught: its own reasoning (the chain of thought
     * the model that generated it wrote, {@link Demonstration#reasoning}), then the action. Without chain of
     * thought the action alone. A chain-of-thought format and a demonstration without reasoning is an error.
     */
    public static String l2aWithoutScene(PromptFormat format, Demonstration demonstration) {
        return reasoningWithoutScene(format, demonstration) + new ActionFormat().write(demonstration.action());
    }

    private static String reasoningWithoutScene(PromptFormat format, Demonstration demonstration) {
        if (!format.chainOfThought()) {
            return "";
        }
        return demonstration.reasoning().orElseThrow(() -> new IllegalArgumentException("the demonstration of '"
                + demonstration.instruction() + "' has neither a ground-truth scene nor its own reasoning: chain of "
                + "thought cannot be taught for it"));
    }
}
