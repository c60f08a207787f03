/**
 * Training and test samples: demonstrations (observation, instruction, action), grounding-only
 * samples for base pretraining, instruction pairs for L2C, instruction-pool items (observation and instruction,
 * no action: what Algorithm 1 turns into demonstrations), and multi-step episodes. Depends on the
 * scene package only.
 */
package dev.lacy.core.data;
