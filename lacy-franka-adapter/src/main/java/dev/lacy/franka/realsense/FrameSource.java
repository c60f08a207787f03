package dev.lacy.franka.realsense;

/** Where colour frames come from: the native RealSense pipeline, or a synthetic source in tests. */
public interface FrameSource extends AutoCloseable {

    /** The next frame, waiting at most the source's timeout. */
    Frame next();

    @Override
    void close();
}
