package dev.lacy.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.TrainingListener;
import dev.lacy.onnx.tiny.TinyLlavaWeights;
import dev.lacy.onnx.writer.TinyLlavaPackages;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory the native side still reads must not be Java's to free: a pretraining run while the garbage collector runs
 * every millisecond ends with the weights of a quiet run. (With DJL's number overloads in the forward pass, such a run
 * turned NaN within a few steps, every time, and a quiet one now and then in CI.)
 */
class GarbageCollectionTest {

    @TempDir
    Path dir;

    @Test
    void aRunUnderConstantGarbageCollectionTrainsExactlyAsAQuietOne() throws InterruptedException {
        TinyLlavaWeights quiet = pretrain("quiet");
        var stop = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "garbage-collector-hammer");
        collector.setDaemon(true);
        collector.start();
        TinyLlavaWeights collected;
        try {
            collected = pretrain("collected");
        } finally {
            stop.set(true);
            collector.join();
        }
        assertThat(collected.lmHead()).containsExactly(quiet.lmHead(), within(1e-6f));
        for (int i = 0; i < quiet.layers().size(); i++) {
            assertThat(collected.layers().get(i).q()).as("layer %d q", i).containsExactly(quiet.layers().get(i).q(), within(1e-6f));
        }
        assertThat(collected.patchW()).containsExactly(quiet.patchW(), within(1e-6f));
    }

    private TinyLlavaWeights pretrain(String name) {
        var base = new DjlTrainer(TrainingTest.TINY).pretrain(new PretrainJob(SyntheticScenes.grounding(8, 1),
                dir.resolve(name), 3, TrainingListener.SILENT));
        return TinyLlavaPackages.read(base.location());
    }
}
