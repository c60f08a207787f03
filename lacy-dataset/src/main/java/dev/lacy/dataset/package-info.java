/**
 * Files on disk: the file-system {@link dev.lacy.core.port.DatasetStore} (a JSONL manifest plus
 * PNG images per dataset, each written by one process at a time: docs/safety.md), scene files, and the export to
 * LLaVA conversation JSON. Depends on the core and Jackson; only the composition root depends on it.
 */
package dev.lacy.dataset;
