/**
 * The spatial vocabulary of LACY (paper section III-C): the 3x3 workspace grid, the eight
 * directions around a reference object, placements, and the rule that chooses an absolute or a
 * relative description from the distances {@code d_abs} and {@code d_rel}. Depends on the scene
 * package only.
 */
package dev.lacy.core.spatial;
