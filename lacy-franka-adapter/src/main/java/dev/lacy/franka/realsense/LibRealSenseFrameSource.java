package dev.lacy.franka.realsense;

import static org.bytedeco.librealsense2.global.realsense2.RS2_API_VERSION;
import static org.bytedeco.librealsense2.global.realsense2.RS2_FORMAT_RGB8;
import static org.bytedeco.librealsense2.global.realsense2.RS2_STREAM_COLOR;
import static org.bytedeco.librealsense2.global.realsense2.rs2_config_enable_stream;
import static org.bytedeco.librealsense2.global.realsense2.rs2_create_config;
import static org.bytedeco.librealsense2.global.realsense2.rs2_create_context;
import static org.bytedeco.librealsense2.global.realsense2.rs2_create_pipeline;
import static org.bytedeco.librealsense2.global.realsense2.rs2_delete_config;
import static org.bytedeco.librealsense2.global.realsense2.rs2_delete_context;
import static org.bytedeco.librealsense2.global.realsense2.rs2_delete_device_list;
import static org.bytedeco.librealsense2.global.realsense2.rs2_delete_pipeline;
import static org.bytedeco.librealsense2.global.realsense2.rs2_delete_pipeline_profile;
import static org.bytedeco.librealsense2.global.realsense2.rs2_embedded_frames_count;
import static org.bytedeco.librealsense2.global.realsense2.rs2_extract_frame;
import static org.bytedeco.librealsense2.global.realsense2.rs2_free_error;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_device_count;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_error_message;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_frame_data;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_frame_height;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_frame_stride_in_bytes;
import static org.bytedeco.librealsense2.global.realsense2.rs2_get_frame_width;
import static org.bytedeco.librealsense2.global.realsense2.rs2_pipeline_start_with_config;
import static org.bytedeco.librealsense2.global.realsense2.rs2_pipeline_stop;
import static org.bytedeco.librealsense2.global.realsense2.rs2_pipeline_wait_for_frames;
import static org.bytedeco.librealsense2.global.realsense2.rs2_query_devices;
import static org.bytedeco.librealsense2.global.realsense2.rs2_release_frame;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.librealsense2.rs2_config;
import org.bytedeco.librealsense2.rs2_context;
import org.bytedeco.librealsense2.rs2_device_list;
import org.bytedeco.librealsense2.rs2_error;
import org.bytedeco.librealsense2.rs2_frame;
import org.bytedeco.librealsense2.rs2_pipeline;
import org.bytedeco.librealsense2.rs2_pipeline_profile;

/**
 * Colour frames from a RealSense camera through librealsense2's C API (JavaCPP). Loading it needs
 * the native libraries ({@code -Prealsense}) and a USB bus: the native context crashes on machines
 * without one, which is why tests touch this class only when {@code LACY_TEST_REALSENSE=1}.
 * Not thread-safe: {@link RealSenseCamera} serializes its use.
 */
public final class LibRealSenseFrameSource implements FrameSource {

    private final PointerPointer<rs2_error> error = new PointerPointer<>(1L);
    private final rs2_context context;
    private final rs2_pipeline pipeline;
    private final rs2_config config;
    private final rs2_pipeline_profile profile;
    private final int timeoutMillis;

    /** Starts the colour stream at {@code width} x {@code height} RGB8, {@code fps} frames per second (D415: 1280x720 at 30). */
    public LibRealSenseFrameSource(int width, int height, int fps, int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        context = check(rs2_create_context(RS2_API_VERSION, error), "create a RealSense context");
        rs2_device_list devices = check(rs2_query_devices(context, error), "list RealSense devices");
        int count = check(rs2_get_device_count(devices, error), "count RealSense devices");
        rs2_delete_device_list(devices);
        if (count == 0) {
            rs2_delete_context(context);
            throw new IllegalStateException("no RealSense camera is connected");
        }
        pipeline = check(rs2_create_pipeline(context, error), "create a RealSense pipeline");
        config = check(rs2_create_config(error), "create a RealSense configuration");
        rs2_config_enable_stream(config, RS2_STREAM_COLOR, 0, width, height, RS2_FORMAT_RGB8, fps, error);
        check(0, "enable the colour stream " + width + "x" + height + " at " + fps + " fps");
        profile = check(rs2_pipeline_start_with_config(pipeline, config, error), "start the RealSense pipeline");
    }

    @Override
    public Frame next() {
        rs2_frame frames = check(rs2_pipeline_wait_for_frames(pipeline, timeoutMillis, error), "wait for a RealSense frame");
        try {
            int embedded = check(rs2_embedded_frames_count(frames, error), "count embedded frames");
            if (embedded < 1) {
                throw new IllegalStateException("the RealSense frameset holds no frame");
            }
            rs2_frame colour = check(rs2_extract_frame(frames, 0, error), "extract the colour frame");
            try {
                int w = check(rs2_get_frame_width(colour, error), "read the frame width");
                int h = check(rs2_get_frame_height(colour, error), "read the frame height");
                int stride = check(rs2_get_frame_stride_in_bytes(colour, error), "read the frame stride");
                Pointer data = check(rs2_get_frame_data(colour, error), "read the frame data");
                byte[] bytes = new byte[stride * h];
                new BytePointer(data).capacity(bytes.length).get(bytes);
                return new Frame(w, h, stride, PixelFormat.RGB8, bytes);
            } finally {
                rs2_release_frame(colour);
            }
        } finally {
            rs2_release_frame(frames);
        }
    }

    @Override
    public void close() {
        rs2_pipeline_stop(pipeline, error);
        rs2_delete_pipeline_profile(profile);
        rs2_delete_config(config);
        rs2_delete_pipeline(pipeline);
        rs2_delete_context(context);
    }

    private <T> T check(T value, String what) {
        rs2_error e = error.get(rs2_error.class, 0);
        if (e != null && !e.isNull()) {
            String message = rs2_get_error_message(e).getString();
            rs2_free_error(e);
            error.put(0, (Pointer) null);
            throw new IllegalStateException("cannot " + what + ": " + message);
        }
        return value;
    }
}
