/** Generating the paper's datasets on the embedded tabletop: deterministic, resumable, with a summary. */
package dev.lacy.examples.generate;
