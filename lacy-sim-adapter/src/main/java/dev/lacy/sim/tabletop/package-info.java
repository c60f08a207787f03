/**
 * The embedded tabletop simulator: a catalogue of YCB objects and toy blocks, seeded scene
 * sampling, a top-down Java2D renderer, a kinematic pick-and-place arm, and the scripted
 * demonstrator that produces training data like the paper's. Pure Java; depends on the core only.
 */
package dev.lacy.sim.tabletop;
