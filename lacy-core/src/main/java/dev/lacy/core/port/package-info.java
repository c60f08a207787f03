/**
 * The outgoing ports, named for the capability the core needs: {@link dev.lacy.core.port.VisionLanguageModel},
 * {@link dev.lacy.core.port.RobotArm}, {@link dev.lacy.core.port.Camera},
 * {@link dev.lacy.core.port.SceneStager}, {@link dev.lacy.core.port.Trainer},
 * {@link dev.lacy.core.port.ModelLoader} and {@link dev.lacy.core.port.DatasetStore}, with the
 * values they exchange. Adapters implement them; each has an abstract contract test in the core's
 * test-jar that every adapter's test extends.
 */
package dev.lacy.core.port;
