package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.dataset.FileDatasetStore;
import java.nio.file.Path;

/** Datasets in a directory on the file system. */
public final class FileStoreModule extends AbstractModule {

    private final Path root;

    public FileStoreModule(Path root) {
        this.root = root;
    }

    @Provides
    @Singleton
    FileDatasetStore fileStore() {
        return new FileDatasetStore(root);
    }

    @Provides
    DatasetStore store(FileDatasetStore store) {
        return store;
    }
}
