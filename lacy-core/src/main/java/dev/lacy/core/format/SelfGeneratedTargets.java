package dev.lacy.core.format;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.language.Parsed;
import dev.lacy.core.spatial.Instruction;

/**
 * What L2A and A2L are taught for a demonstration without a known scene (a triplet Algorithm 1 accepted),
 * by the trainer and by {@code ./lacy export} alike: the chain of thought the model that generated it wrote,
 * never a scene's.
 */
public final class SelfGeneratedTargets {

    private static final InstructionParser PARSER = new InstructionParser();
    private static final InstructionTemplates TEMPLATES = new InstructionTemplates();

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

    /**
     * The A2L completion a demonstration without a known scene is taught: the grounding sentence of its reasoning,
     * then its instruction (which the action was verified to carry out) in the canonical wording A2L is taught
     * everywhere (the first template of each verb and placement; an instruction that does not parse as it is).
     * Taught verbatim, the operators' varied wordings cost A2L 4.8 points (docs/experiments/2026-12-03-closing-the-cycle.md).
     */
    public static String a2lWithoutScene(PromptFormat format, Demonstration demonstration) {
        String reasoning = reasoningWithoutScene(format, demonstration);
        int end = reasoning.indexOf(format.reasoningEnd());
        String grounding = end < 0 ? "" : reasoning.substring(0, end + format.reasoningEnd().length());
        Parsed<Instruction> parsed = PARSER.parse(demonstration.instruction());
        return grounding + (parsed.isOk() ? TEMPLATES.canonical(parsed.orElseThrow()) : demonstration.instruction().strip());
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
