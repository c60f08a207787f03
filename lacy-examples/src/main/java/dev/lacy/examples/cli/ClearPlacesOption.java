package dev.lacy.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.format.ClearPlace;
import dev.lacy.core.scene.Footprints;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --clear-places} and {@code --footprints FILE}, which the commands that ask L2A share: L2A's place points held
 * clear of what the model grounded (docs/formats.md, "Clear place points"), with the embedded tabletop's catalogue or
 * the footprints a file gives.
 */
final class ClearPlacesOption {

    @Option(names = "--clear-places", description = "hold L2A's place points clear of what each completion's own grounding "
            + "sentence lists: a place point on another object, over the table's edge or outside its own line's cell or "
            + "direction is moved to the point L2A is taught there (docs/formats.md, \"Clear place points\"); the objects' "
            + "footprints from the embedded tabletop's catalogue (the YCB set's published sizes, the toy blocks) unless "
            + "--footprints gives them")
    boolean clearPlaces;

    @Option(names = "--footprints", paramLabel = "FILE", description = "with --clear-places: the footprint radius of each "
            + "object on your table, a JSON object of names to radii in the workspace's normalized units "
            + "({\"mug\": 0.065, ...}); objects it does not name leave the place point as the model wrote it")
    Path footprints;

    /** The hold the options ask for; empty without {@code --clear-places}. */
    Optional<ClearPlace> clearPlace() {
        if (footprints != null && !clearPlaces) {
            throw new IllegalArgumentException("--footprints " + footprints + " goes with --clear-places");
        }
        if (!clearPlaces) {
            return Optional.empty();
        }
        Footprints known = footprints == null ? ObjectCatalogue.standard().footprints() : read(footprints);
        return Optional.of(new ClearPlace(known, SpatialThresholds.PAPER));
    }

    /** A footprints file; what it holds wrongly is an error naming the file and the entry. */
    static Footprints read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footprints " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--footprints " + file + " must hold a JSON object of names to radii");
        }
        var radii = new LinkedHashMap<String, Double>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException("--footprints " + file + ": the radius of '" + entry.getKey()
                        + "' is not a number: " + entry.getValue());
            }
            radii.put(entry.getKey(), entry.getValue().asDouble());
        }
        try {
            return Footprints.of(radii);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--footprints " + file + ": " + e.getMessage(), e);
        }
    }
}
