package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import dev.lacy.sim.coppeliasim.CoppeliaSimTable;
import dev.lacy.sim.tabletop.ObjectCatalogue;

/**
 * CoppeliaSim as the backend of {@link RobotArm}, {@link Camera} and {@link SceneStager}. The
 * module opens no connection: the table connects when it is first injected.
 */
public final class CoppeliaSimModule extends AbstractModule {

    private final CoppeliaSimConfig config;

    public CoppeliaSimModule(CoppeliaSimConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    CoppeliaSimTable table() {
        return CoppeliaSimTable.open(config, ObjectCatalogue.standard());
    }

    @Provides
    RobotArm arm(CoppeliaSimTable table) {
        return table;
    }

    @Provides
    Camera camera(CoppeliaSimTable table) {
        return table;
    }

    @Provides
    SceneStager stager(CoppeliaSimTable table) {
        return table;
    }
}
