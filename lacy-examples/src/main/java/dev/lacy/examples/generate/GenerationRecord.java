package dev.lacy.examples.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lacy.dataset.AtomicFiles;
import dev.lacy.examples.wiring.TabletopSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that made a directory's datasets ({@value #FILE}: seed, image size, objects per scene, randomisation,
 * generator version), written on its first generation and compared on every later one: a rerun that would append
 * samples made with other settings (64-pixel images after 224-pixel ones, another seed's scenes) is refused with the
 * differences named. Sizes are not part of it: a rerun may ask for more samples.
 */
public final class GenerationRecord {

    public static final String FILE = "generation.json";
    /** {@link dev.lacy.sim.tabletop.SampleRecipes#GENERATOR_VERSION}. */
    public static final int GENERATOR_VERSION = dev.lacy.sim.tabletop.SampleRecipes.GENERATOR_VERSION;

    private GenerationRecord() {
    }

    /** The record of {@code settings} and {@code seed}, in the order it is written. */
    public static Map<String, String> of(TabletopSettings settings, long seed) {
        var record = new LinkedHashMap<String, String>();
        record.put("generatorVersion", String.valueOf(GENERATOR_VERSION));
        record.put("seed", String.valueOf(seed));
        record.put("imageSize", String.valueOf(settings.imageSize()));
        record.put("minObjects", String.valueOf(settings.minObjects()));
        record.put("maxObjects", String.valueOf(settings.maxObjects()));
        var r = settings.randomization();
        record.put("randomization", r.equals(dev.lacy.sim.tabletop.Randomization.NONE) ? "none"
                : r.equals(dev.lacy.sim.tabletop.Randomization.MODERATE) ? "moderate"
                : String.format(java.util.Locale.ROOT, "lighting %s, colour %s, pose %s degrees, distractors %s",
                        r.lighting(), r.colour(), r.poseDegrees(), r.distractors()));
        return record;
    }

    /**
     * Writes the record into {@code directory} when it has none, or refuses when the one there differs. A directory
     * whose datasets predate records gets one now (what made them cannot be checked any more).
     */
    public static void requireSame(Path directory, TabletopSettings settings, long seed) {
        Map<String, String> wanted = of(settings, seed);
        Path file = directory.resolve(FILE);
        var mapper = new ObjectMapper();
        try {
            if (Files.exists(file)) {
                var stored = mapper.readTree(file.toFile());
                var differences = new ArrayList<String>();
                wanted.forEach((key, value) -> {
                    String had = stored.path(key).isMissingNode() ? "(none)" : stored.path(key).asText();
                    if (!had.equals(value)) {
                        differences.add(key + " " + had + " there, " + value + " now");
                    }
                });
                if (!differences.isEmpty()) {
                    throw new IllegalArgumentException(directory + " holds datasets generated with other settings ("
                            + String.join(", ", differences) + "; " + file + "): generate into another directory, or "
                            + "rerun with the same settings");
                }
                return;
            }
            Files.createDirectories(directory);
            ObjectNode node = mapper.createObjectNode();
            wanted.forEach(node::put);
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }
}
