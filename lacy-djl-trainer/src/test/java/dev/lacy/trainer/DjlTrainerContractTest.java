package dev.lacy.trainer;

import dev.lacy.core.data.ConsistencySample;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.GroundingSample;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.contract.AbstractTrainerContractTest;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxModelLoader;
import java.util.List;

/** The DJL trainer against the trainer's contract: tiny sizes and a few steps, models opened by the ONNX loader. */
class DjlTrainerContractTest extends AbstractTrainerContractTest {

    private final List<Demonstration> demonstrations = SyntheticScenes.demonstrations(4, 2);

    @Override
    protected Trainer createTrainer() {
        return new DjlTrainer(TrainingTest.TINY);
    }

    @Override
    protected ModelLoader loader() {
        return new OnnxModelLoader(Device.CPU);
    }

    @Override
    protected List<GroundingSample> groundingSamples() {
        return SyntheticScenes.grounding(4, 1);
    }

    @Override
    protected List<Demonstration> demonstrations() {
        return demonstrations;
    }

    @Override
    protected List<ConsistencySample> consistencySamples() {
        return SyntheticScenes.consistency(demonstrations);
    }
}
