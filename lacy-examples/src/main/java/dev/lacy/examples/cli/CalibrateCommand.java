package dev.lacy.examples.cli;

import dev.lacy.examples.wiring.CalibrationFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lacy calibrate}: fits the image-to-table map from measured point pairs and stores it. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit the map from normalized image coordinates to the table (robot base frame) from point pairs:",
            "{\"pairs\": [{\"image\": [x, y], \"table\": [x, y]}, ...]}, 3 pairs for an affine map, 4 or more for a homography."})
final class CalibrateCommand implements Callable<Integer> {


    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "the measured point pairs (JSON)")
    Path pairs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the calibration file to write")
    Path out;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        OutputPaths.requireFile("--out", out);
        double error = CalibrationFile.calibrate(pairs, out);
        var result = Output.object().put("out", out.toString()).put("rmsError", error);
        output.print(result, String.format(Locale.ROOT,
                "wrote %s; root-mean-square error %.4f (table units, metres for a robot)", out, error));
        return 0;
    }
}
