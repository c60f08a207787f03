package dev.lacy.core.port;

import dev.lacy.core.scene.Scene;

/**
 * Puts a given scene on the table: a simulator does it at once; on a real robot a person does, so
 * real-robot adapters do not implement this port. Evaluation uses it to execute predicted actions
 * on each test scene.
 */
@FunctionalInterface
public interface SceneStager {

    void stage(Scene scene);
}
