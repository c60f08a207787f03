/**
 * The language-action cycle: the {@link dev.lacy.core.cycle.Lacy} facade over the three tasks, the
 * L2A2L pipeline, Algorithm 1 ({@link dev.lacy.core.cycle.ActiveAugmenter}), the evaluator behind
 * every reported metric and the self-improvement loop. Depends on every other core package and on
 * the ports; nothing in the core depends on it.
 */
package dev.lacy.core.cycle;
