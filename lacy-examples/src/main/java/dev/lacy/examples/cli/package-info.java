/**
 * The {@code lacy} command line (picocli): one class per command. Every command prints one JSON
 * object with {@code --json}, text otherwise, and exits non-zero with a one-line error for bad input.
 */
package dev.lacy.examples.cli;
