/**
 * Value objects of the tabletop: normalized points, objects with a circular footprint, scenes,
 * RGB rasters, observations and pick-and-place actions. Depends on nothing; everything else in
 * the core may depend on it.
 */
package dev.lacy.core.scene;
