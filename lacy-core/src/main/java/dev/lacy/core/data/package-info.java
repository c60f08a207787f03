/**
 * Training and test samples: demonstrations (observation, instruction, action), grounding-only
 * samples for base pretraining, instruction pairs for L2C, and multi-step episodes. Depends on the
 * scene package only.
 */
package dev.lacy.core.data;
