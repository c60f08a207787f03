package dev.lacy.sim.tabletop;

import dev.lacy.core.port.Camera;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.contract.AbstractCameraContractTest;
import dev.lacy.core.port.contract.AbstractRobotArmContractTest;
import dev.lacy.core.port.contract.AbstractSceneStagerContractTest;
import dev.lacy.core.scene.Scene;
import org.junit.jupiter.api.Nested;

/** The embedded tabletop meets the same contracts as CoppeliaSim and the real robot. */
class EmbeddedTabletopContractTest {

    private static EmbeddedTabletop over(Scene scene) {
        EmbeddedTabletop table = EmbeddedTabletop.standard(96);
        table.stage(scene);
        return table;
    }

    @Nested
    class AsRobotArm extends AbstractRobotArmContractTest {
        @Override
        protected RobotArm armOver(Scene scene) {
            return over(scene);
        }
    }

    @Nested
    class AsSceneStager extends AbstractSceneStagerContractTest {
        @Override
        protected Table freshTable() {
            EmbeddedTabletop table = EmbeddedTabletop.standard(96);
            return new Table(table, table);
        }
    }

    @Nested
    class AsCamera extends AbstractCameraContractTest {
        @Override
        protected Camera cameraOver(Scene scene) {
            return over(scene);
        }
    }
}
