package dev.lacy.examples.cli;

import dev.lacy.core.port.TrainingListener;
import dev.lacy.core.port.TrainingProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** Training progress on stderr: a bar with loss, samples/s and ETA on a terminal, a log line every 10 % otherwise. */
final class TrainingProgressPrinter implements TrainingListener {

    private final PrintWriter err;
    private final boolean terminal;
    private long lastDecile = -1;
    private String lastStage = "";

    TrainingProgressPrinter(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null;
    }

    @Override
    public void onProgress(TrainingProgress p) {
        double fraction = (double) p.step() / p.totalSteps();
        String line = String.format(Locale.ROOT, "%s %d/%d  loss %.4f  %.1f samples/s  ETA %ds", p.stage(), p.step(),
                p.totalSteps(), p.loss(), p.samplesPerSecond(), p.eta().toSeconds());
        if (!p.stage().equals(lastStage)) {
            lastStage = p.stage();
            lastDecile = -1;
        }
        if (terminal) {
            int filled = (int) Math.round(fraction * 30);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + line + "   ");
            if (p.step() >= p.totalSteps()) {
                err.println();
            }
        } else {
            long decile = (long) Math.floor(fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(line);
            }
        }
        err.flush();
    }
}
