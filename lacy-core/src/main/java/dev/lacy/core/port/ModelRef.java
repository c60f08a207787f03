package dev.lacy.core.port;

import java.nio.file.Path;

/** Where a model package lives. */
public record ModelRef(Path location) {

    public ModelRef {
        if (location == null) {
            throw new IllegalArgumentException("a model reference needs a location");
        }
    }
}
