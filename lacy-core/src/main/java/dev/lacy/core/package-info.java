/**
 * The LACY domain: scenes, spatial language, the chain-of-thought text formats, the success judge,
 * the ports to models and robots, and the language-action cycle with Algorithm 1. Depends on
 * nothing but {@code java.*}; every adapter module depends on it, never the other way round.
 */
package dev.lacy.core;
