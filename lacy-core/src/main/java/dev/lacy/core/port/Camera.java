package dev.lacy.core.port;

import dev.lacy.core.scene.Observation;

/** The top-down camera over the workspace. */
public interface Camera extends AutoCloseable {

    /** One observation of the workspace as it is now. */
    Observation capture();

    @Override
    void close();
}
