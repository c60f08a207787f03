/**
 * The text the model reads and writes (docs/formats.md): the grounding sentence of the
 * chain of thought, the L2A, A2L and L2C answers, and the prompts of the three tasks, each with a
 * writer and a parser that never throws; and the captions the base is pretrained on
 * ({@link dev.lacy.core.format.PretrainingCaptions}), which the trainer writes and the grounding evaluation asks.
 * Depends on the scene, spatial and language packages.
 */
package dev.lacy.core.format;
