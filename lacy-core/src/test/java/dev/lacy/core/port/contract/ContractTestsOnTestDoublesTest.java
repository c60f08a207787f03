package dev.lacy.core.port.contract;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.core.scene.Observation;
import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.scene.Scene;
import dev.lacy.core.testing.FileTrainerTestDouble;
import dev.lacy.core.testing.InMemoryDatasetStoreTestDouble;
import dev.lacy.core.testing.OracleModelTestDouble;
import dev.lacy.core.testing.TabletopTestDouble;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * Runs each contract against the core's own test doubles, which shows that every contract can be
 * met and keeps the doubles used elsewhere in the core's tests honest. Real adapters extend the same
 * contracts in their own modules.
 */
class ContractTestsOnTestDoublesTest {

    @Nested
    class DatasetStoreDouble extends AbstractDatasetStoreContractTest {
        @Override
        protected DatasetStore createStore() {
            return new InMemoryDatasetStoreTestDouble();
        }
    }

    @Nested
    class ArmDouble extends AbstractRobotArmContractTest {
        @Override
        protected RobotArm armOver(Scene scene) {
            return new TabletopTestDouble(scene);
        }
    }

    @Nested
    class StagerDouble extends AbstractSceneStagerContractTest {
        @Override
        protected Table freshTable() {
            var table = new TabletopTestDouble(new Scene(List.of()));
            return new Table(table, table);
        }
    }

    @Nested
    class CameraDouble extends AbstractCameraContractTest {
        @Override
        protected Camera cameraOver(Scene scene) {
            return new TabletopTestDouble(scene);
        }
    }

    @Nested
    class ModelDouble extends AbstractVisionLanguageModelContractTest {
        @Override
        protected VisionLanguageModel createModel() {
            return new OracleModelTestDouble(ContractScenes.TWO_OBJECTS);
        }

        @Override
        protected RgbImage image() {
            return RgbImage.filled(4, 4, 0);
        }
    }

    @Nested
    class TrainerDouble extends AbstractTrainerContractTest {
        @Override
        protected Trainer createTrainer() {
            return new FileTrainerTestDouble();
        }

        @Override
        protected ModelLoader loader() {
            return FileTrainerTestDouble.loader();
        }

        @Override
        protected List<GroundingSample> groundingSamples() {
            return List.of(new GroundingSample(Observation.of(RgbImage.filled(4, 4, 0), ContractScenes.TWO_OBJECTS)));
        }

        @Override
        protected List<Demonstration> demonstrations() {
            return List.of(AbstractDatasetStoreContractTest.demonstration(1));
        }
    }
}
