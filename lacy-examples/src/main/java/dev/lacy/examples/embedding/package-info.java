/**
 * How an application embeds LACY: its own Guice module for its robot and camera, a model package,
 * and the three tasks through the {@link dev.lacy.core.cycle.Lacy} facade.
 */
package dev.lacy.examples.embedding;
