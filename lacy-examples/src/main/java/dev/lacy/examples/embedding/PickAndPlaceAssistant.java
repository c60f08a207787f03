package dev.lacy.examples.embedding;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.cycle.ConsistencyCheck;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.TaskAnswer;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PickPlaceOutcome;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.PickPlaceAction;
import dev.lacy.examples.wiring.OnnxModelModule;
import dev.lacy.onnx.runtime.Device;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An application that embeds LACY, as our users do: it depends on {@code lacy-core},
 * {@code lacy-onnx-adapter} and one robot adapter, installs its own Guice module for its robot and
 * camera, and asks the model for actions (L2A), explanations (A2L) and consistency (L2C).
 * See the README's "Embed it" section; {@code PickAndPlaceAssistantTest} runs it.
 */
public final class PickAndPlaceAssistant implements AutoCloseable {

    private final Camera camera;
    private final RobotArm arm;
    private final VisionLanguageModel model;
    private final Lacy lacy;

    /** The application's robot: here any {@link RobotArm} and {@link Camera} it already has. */
    public static final class MyRobotModule extends AbstractModule {
        private final RobotArm arm;
        private final Camera camera;

        public MyRobotModule(RobotArm arm, Camera camera) {
            this.arm = arm;
            this.camera = camera;
        }

        @Provides
        @Singleton
        RobotArm arm() {
            return arm;
        }

        @Provides
        @Singleton
        Camera camera() {
            return camera;
        }
    }

    public PickAndPlaceAssistant(MyRobotModule robot, Path modelPackage) {
        this(robot, new OnnxModelModule(Device.AUTO), modelPackage);
    }

    /**
     * With the models of {@code models}: {@link OnnxModelModule} runs them here, {@code RemoteModelModule} asks a
     * {@code lacy serve} (the one line an application changes to use a served model).
     */
    public PickAndPlaceAssistant(MyRobotModule robot, com.google.inject.Module models, Path modelPackage) {
        Injector injector = Guice.createInjector(robot, models);
        this.camera = injector.getInstance(Camera.class);
        this.arm = injector.getInstance(RobotArm.class);
        ModelLoader loader = injector.getInstance(ModelLoader.class);
        var ref = new ModelRef(modelPackage);
        this.model = loader.load(ref);
        this.lacy = new Lacy(model, loader.promptFormat(ref), 256);
    }

    /**
     * L2A, then execution: what the arm did, or empty when the model gave no action it may execute (none usable, or
     * a pick that does not fall on the object the instruction names as the model grounded it: the arm does not move).
     */
    public Optional<PickPlaceOutcome> perform(String instruction) {
        Observation now = camera.capture();
        TaskAnswer<PickPlaceAction> answer = lacy.l2a(now.image(), instruction);
        if (new dev.lacy.core.cycle.GroundingCheck().refusal(answer, instruction).isPresent()) {
            return Optional.empty();
        }
        return answer.parsed().map(arm::pickAndPlace);
    }

    /** A2L: the instruction that describes an action on what the camera sees now. */
    public TaskAnswer<String> explain(PickPlaceAction action) {
        return lacy.a2l(camera.capture().image(), action);
    }

    /** L2C: how confident the model is that two instructions ask for the same thing. */
    public ConsistencyCheck agree(String first, String second) {
        return lacy.l2c(camera.capture().image(), first, second);
    }

    @Override
    public void close() {
        model.close();
    }
}
