package dev.lacy.examples.cli;

import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingProgress;
import dev.lacy.examples.generate.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows progress on stderr: a bar with an ETA redrawn in place on a terminal, a plain log line
 * every 10 % otherwise (CI logs, pipes). The one printer of the command line: of work counted in items
 * ({@link ProgressListener}: generation, Algorithm 1) and of training steps ({@link TrainingListener}: loss,
 * samples per second and the trainer's ETA, a fresh 10 % count for each stage).
 */
final class ProgressPrinter implements ProgressListener, TrainingListener {

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    /** When the first update came: the rate is measured from there, not from construction (a printer made before
     *  a long first stage, as the demo's is, would otherwise count that stage as this one's). */
    private long started;
    private long startDone = -1;
    private long lastDecile = -1;
    private String lastStage = "";

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
        show(label, String.format(Locale.ROOT, "%d/%d  ETA %s", done, total, eta),
                String.format(Locale.ROOT, "%s: %d/%d (%.0f%%), ETA %s", label, done, total, 100 * fraction, eta), fraction,
                done >= total);
    }

    @Override
    public void onProgress(TrainingProgress p) {
        if (!p.stage().equals(lastStage)) {
            lastStage = p.stage();
            lastDecile = -1;
        }
        String line = String.format(Locale.ROOT, "%d/%d  loss %.4f  %.1f samples/s  ETA %ds", p.step(), p.totalSteps(),
                p.loss(), p.samplesPerSecond(), p.eta().toSeconds());
        show(p.stage(), line, p.stage() + " " + line, (double) p.step() / p.totalSteps(), p.step() >= p.totalSteps());
    }

    /**
     * On a terminal, {@code name [bar] status} redrawn in place; otherwise {@code logLine} each time the work passes
     * another tenth.
     */
    private void show(String name, String status, String logLine, double fraction, boolean finished) {
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            err.printf(Locale.ROOT, "\r%s [%s%s] %s   ", name, "#".repeat(filled), " ".repeat(width - filled), status);
            if (finished) {
                err.println();
            }
        } else {
            long decile = (long) Math.floor(fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(logLine);
            }
        }
        err.flush();
    }
}
