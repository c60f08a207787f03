package dev.lacy.examples.pipeline;

import dev.lacy.core.port.DatasetStore;
import java.nio.file.Path;

/** Opens the dataset store kept in a directory: how a pipeline makes a store for what it writes as it goes. */
@FunctionalInterface
public interface DatasetStores {

    DatasetStore at(Path directory);
}
