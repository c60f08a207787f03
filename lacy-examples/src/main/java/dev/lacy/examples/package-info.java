/**
 * The composition root: the wiring that chooses the adapters (the only code that names them), the pipelines that run
 * the LACY cycle over the ports, and the {@code lacy} command line. The only module that sees every other module;
 * nothing depends on it.
 */
package dev.lacy.examples;
