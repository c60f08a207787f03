package dev.lacy.franka.realsense;

import dev.lacy.core.port.Camera;
import dev.lacy.core.scene.Observation;

/**
 * A RealSense (or any {@link FrameSource}) as LACY's {@link Camera}: each capture takes the next
 * colour frame and converts it to the workspace image. Real cameras know no ground truth. Thread-safe.
 */
public final class RealSenseCamera implements Camera {

    private final FrameSource source;
    private final FrameConverter converter;
    private boolean closed;

    public RealSenseCamera(FrameSource source, FrameConverter converter) {
        this.source = source;
        this.converter = converter;
    }

    @Override
    public synchronized Observation capture() {
        if (closed) {
            throw new IllegalStateException("the RealSense camera is closed");
        }
        return Observation.imageOnly(converter.convert(source.next()));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }
}
