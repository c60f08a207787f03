/**
 * The composition root: Guice modules that choose the adapters, and the {@code lacy} command
 * line. The only module that sees every other module; nothing depends on it.
 */
package dev.lacy.examples;
