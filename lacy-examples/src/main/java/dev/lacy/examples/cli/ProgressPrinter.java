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
    private final long started = System.nanoTime();
    private long startDone = -1;
    private long lastDecile = -1;

    ProgressPrinter(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    static ProgressPrinter onStderr(PrintWriter err, String label) {
        return new ProgressPrinter(err, label, System.console() != null);
    }

    @Override
    public void progress(long done, long total) {
        if (startDone < 0) {
            startDone = done;
        }
        double fraction = total == 0 ? 1 : (double) done / total;
        double elapsed = (System.nanoTime() - started) / 1e9;
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
