package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.port.TrainingProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theEtaIsMeasuredFromTheFirstUpdateNotFromWhenThePrinterWasMade() {
        var now = new AtomicLong();
        var text = new StringWriter();
        var printer = new ProgressPrinter(new PrintWriter(text), "augment", false, now::get);
        // a long stage (the demo's first training) passes before the first update
        now.set(1000 * SECOND);
        printer.progress(1, 100);
        // then 10 examples in 10 seconds: 89 left take 89 seconds
        now.set(1010 * SECOND);
        printer.progress(11, 100);

        assertThat(text.toString().lines()).containsExactly("augment: 1/100 (1%), ETA ?", "augment: 11/100 (11%), ETA 89s");
    }

    @Test
    void aResumedRunCountsOnlyTheWorkItDidItself() {
        var now = new AtomicLong();
        var text = new StringWriter();
        var printer = new ProgressPrinter(new PrintWriter(text), "generate", false, now::get);
        printer.progress(500, 1000);
        now.set(100 * SECOND);
        printer.progress(600, 1000);

        assertThat(text.toString().lines()).containsExactly("generate: 500/1000 (50%), ETA ?",
                "generate: 600/1000 (60%), ETA 400s");
    }

    @Test
    void trainingStepsPrintTheirLossRateAndEtaEachTenthAndEachStageCountsAfresh() {
        var text = new StringWriter();
        var printer = new ProgressPrinter(new PrintWriter(text), "train", false, () -> 0L);
        for (int step = 10; step <= 20; step += 10) {
            printer.onProgress(new TrainingProgress("l2a", step, 100, 0.5, 64.0, Duration.ofSeconds(100 - step)));
        }
        printer.onProgress(new TrainingProgress("a2l", 5, 100, 0.75, 32.0, Duration.ofSeconds(95)));

        assertThat(text.toString().lines()).containsExactly(
                "l2a 10/100  loss 0.5000  64.0 samples/s  ETA 90s",
                "l2a 20/100  loss 0.5000  64.0 samples/s  ETA 80s",
                "a2l 5/100  loss 0.7500  32.0 samples/s  ETA 95s");
    }
}
