/** Guice modules: one per adapter plus the domain's own services, chosen once in {@code main}. */
package dev.lacy.examples.wiring;
