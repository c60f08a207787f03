package dev.lacy.examples.cli;

import dev.lacy.examples.generate.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows progress on stderr: a bar with an ETA redrawn in place on a terminal, a plain log line
 * every 10 % otherwise (CI logs, pipes).
 */
final class ProgressPrinter implements ProgressListener {

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    /** When the first update came: the rate is measured from there, not from construction (a printer made before
     *  a long first stage, as the demo's is, would otherwise count that stage as this one's). */
    private long started;
    private long startDone = -1;
    private long lastDecile = -1;

    private final java.util.function.LongSupplier nanoClock;

    ProgressPrinter(PrintWriter err, String label, boolean terminal) {
        this(err, label, terminal, System::nanoTime);
    }

    ProgressPrinter(PrintWriter err, String label, boolean terminal, java.util.function.LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    static ProgressPrinter onStderr(PrintWriter err, String label) {
        return new ProgressPrinter(err, label, System.console() != null);
    }

    @Override
    public void progress(long done, long total) {
        if (startDone < 0) {
            startDone = done;
            started = nanoClock.getAsLong();
        }
        double fraction = total == 0 ? 1 : (double) done / total;
        double elapsed = (nanoClock.getAsLong() - started) / 1e9;
        long fresh = done - startDone;
        String eta = fresh <= 0 ? "?" : String.format(Locale.ROOT, "%.0fs", elapsed / fresh * (total - done));
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  ETA %s   ", label, "#".repeat(filled), " ".repeat(width - filled),
                    done, total, eta);
            if (done >= total) {
                err.println();
            }
        } else {
            long decile = (long) Math.floor(fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%), ETA %s%n", label, done, total, 100 * fraction, eta);
            }
        }
        err.flush();
    }
}
