package dev.lacy.sim.coppeliasim;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.contract.AbstractCameraContractTest;
import dev.lacy.core.port.contract.AbstractRobotArmContractTest;
import dev.lacy.core.port.contract.AbstractSceneStagerContractTest;
import dev.lacy.core.scene.Scene;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The port contracts against a real CoppeliaSim whose scene follows docs/coppeliasim.md. Opt-in:
 * set {@code LACY_COPPELIASIM=tcp://HOST:PORT}; skipped otherwise. Physics makes places less exact
 * than in the doubles, so the arm may land within 2 cm (in normalized units) of the place point.
 */
@EnabledIfEnvironmentVariable(named = "LACY_COPPELIASIM", matches = "tcp://.+")
class CoppeliaSimLiveTest {

    private static CoppeliaSimTable tableOver(Scene scene) {
        CoppeliaSimTable table = CoppeliaSimTable.open(CoppeliaSimConfig.defaults(System.getenv("LACY_COPPELIASIM")),
                ObjectCatalogue.standard());
        table.stage(scene);
        return table;
    }

    @Nested
    class AsRobotArm extends AbstractRobotArmContractTest {
        @Override
        protected RobotArm armOver(Scene scene) {
            return tableOver(scene);
        }

        @Override
        protected double placeTolerance() {
            return 0.02;
        }
    }

    @Nested
    class AsSceneStager extends AbstractSceneStagerContractTest {
        @Override
        protected Table freshTable() {
            CoppeliaSimTable table = CoppeliaSimTable.open(CoppeliaSimConfig.defaults(System.getenv("LACY_COPPELIASIM")),
                    ObjectCatalogue.standard());
            return new Table(table, table);
        }
    }

    @Nested
    class AsCamera extends AbstractCameraContractTest {
        @Override
        protected Camera cameraOver(Scene scene) {
            return tableOver(scene);
        }
    }
}
