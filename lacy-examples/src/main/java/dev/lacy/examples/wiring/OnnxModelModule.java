package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.onnx.runtime.Device;

/** Model packages open on ONNX Runtime, on the chosen device. Loads nothing until asked. */
public final class OnnxModelModule extends AbstractModule {

    private final Device device;

    public OnnxModelModule(Device device) {
        this.device = device;
    }

    @Provides
    ModelLoader loader() {
        return Adapters.models(device);
    }
}
