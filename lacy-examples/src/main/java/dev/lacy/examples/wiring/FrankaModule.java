package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.RobotArm;
import dev.lacy.franka.arm.FrankaArm;
import dev.lacy.franka.arm.MotionConfirmation;
import dev.lacy.franka.realsense.LibRealSenseFrameSource;
import dev.lacy.franka.realsense.RealSenseCamera;
import java.util.function.Consumer;

/**
 * A Franka Panda (over rosbridge) and a RealSense D415 as the backend of {@link RobotArm} and
 * {@link Camera}. Nothing connects until it is injected; the camera's native library is loaded
 * only then, so an application that only drives the arm never touches USB.
 */
public final class FrankaModule extends AbstractModule {

    private final FrankaSetup setup;
    private final MotionConfirmation confirmation;
    private final Consumer<String> log;

    public FrankaModule(FrankaSetup setup, MotionConfirmation confirmation, Consumer<String> log) {
        this.setup = setup;
        this.confirmation = confirmation;
        this.log = log;
    }

    @Provides
    @Singleton
    FrankaArm franka() {
        return FrankaArm.connect(setup.arm(), confirmation, log);
    }

    @Provides
    RobotArm arm(FrankaArm franka) {
        return franka;
    }

    @Provides
    @Singleton
    Camera camera() {
        return new RealSenseCamera(new LibRealSenseFrameSource(setup.cameraWidth(), setup.cameraHeight(), setup.cameraFps(),
                (int) setup.arm().timeout().toMillis()), setup.converter());
    }
}
