/**
 * Instruction text: the controlled template set that generates instructions, the parser that
 * reads them back (every generated variant plus common synonyms) and the typed parse result used by
 * every text parser. Depends on the scene and spatial packages.
 */
package dev.lacy.core.language;
