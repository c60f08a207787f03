package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
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
}
