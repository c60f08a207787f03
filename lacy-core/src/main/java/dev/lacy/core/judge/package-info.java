/**
 * The success judge of docs/method.md: does an action on a known scene do what an
 * instruction says. It is the ground truth behind L2A, A2L and L2C and every metric. Depends on the
 * scene, spatial and language packages.
 */
package dev.lacy.core.judge;
