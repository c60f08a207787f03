package dev.lacy.examples.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.core.calibration.PlaneMapping;
import dev.lacy.core.calibration.PointPair;
import dev.lacy.dataset.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A table calibration on disk: {@code {"pairs": [{"image": [x, y], "table": [x, y]}, ...]}} plus, as
 * written by {@code lacy calibrate}, the fitted map and its error for people to read. The pairs are
 * the source of truth: reading fits the map again (affine from 3 pairs, homography from 4 or more).
 */
public final class CalibrationFile {

    private static final Set<String> FIELDS = Set.of("pairs", "kind", "imageToTable", "rmsError");

    private CalibrationFile() {
    }

    public static PlaneMapping read(Path file) {
        ConfigReader c = ConfigReader.open(file, FIELDS);
        return CoppeliaSimConfigFile.fit(c.pairs("pairs"), c, "pairs");
    }

    /** Fits the pairs of {@code pairsFile}, writes the calibration to {@code out} and returns the fit's RMS error. */
    public static double calibrate(Path pairsFile, Path out) {
        ConfigReader c = ConfigReader.open(pairsFile, FIELDS);
        List<PointPair> pairs = c.pairs("pairs");
        PlaneMapping mapping = CoppeliaSimConfigFile.fit(pairs, c, "pairs");
        double error = mapping.rmsError(pairs);
        var json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("kind", pairs.size() == 3 ? "affine" : "homography");
        ArrayNode list = root.putArray("pairs");
        for (PointPair pair : pairs) {
            ObjectNode item = list.addObject();
            item.putArray("image").add(pair.image().x()).add(pair.image().y());
            item.putArray("table").add(pair.table().x()).add(pair.table().y());
        }
        ArrayNode coefficients = root.putArray("imageToTable");
        for (double h : mapping.coefficients()) {
            coefficients.add(h);
        }
        root.put("rmsError", error);
        try {
            AtomicFiles.write(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return error;
    }
}
