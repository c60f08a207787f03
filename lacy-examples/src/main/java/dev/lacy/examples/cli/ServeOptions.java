package dev.lacy.examples.cli;

import dev.lacy.core.data.Demonstration;
import dev.lacy.core.data.InstructionSample;
import dev.lacy.core.data.Sample;
import dev.lacy.examples.wiring.Adapters;
import dev.lacy.server.PlaygroundScene;
import dev.lacy.server.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How {@code lacy serve} and {@code lacy bench serve} run the server, and the scenes its playground offers. */
final class ServeOptions {

    @Option(names = "--max-batch", defaultValue = "16", description = "most requests in one model call; 1: unbatched (default ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "5", description = "how long a batch's first request waits for others (default ${DEFAULT-VALUE})")
    long maxWaitMs;

    @Option(names = "--queue", defaultValue = "64", description = "most requests waiting; more are answered 429 (default ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--workers", defaultValue = "1", description = "model calls in flight at once (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--max-body-mb", defaultValue = "8", description = "largest request body in MiB; larger ones are answered 413 (default ${DEFAULT-VALUE})")
    int maxBodyMb;

    @Option(names = "--scenes", paramLabel = "DIR:DATASET[:N]", description = "the playground's scenes: the first N (default 24) "
            + "samples of a dataset, e.g. demo/data:test or demo/data:pool")
    String scenes;

    ServerSettings settings(String host, int port, Optional<String> token) {
        return new ServerSettings(host, port, maxBatch, Duration.ofMillis(maxWaitMs), queue, workers, maxBodyMb * 1024L * 1024L,
                Duration.ofSeconds(120), token, dev.lacy.examples.pipeline.ModelEvaluations.MAX_NEW_TOKENS);
    }

    List<PlaygroundScene> scenes() {
        if (scenes == null) {
            return List.of();
        }
        String[] parts = scenes.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("--scenes must be DIR:DATASET[:N], not '" + scenes + "'");
        }
        int limit = parts.length == 3 ? Integer.parseInt(parts[2]) : 24;
        List<Sample> samples = Adapters.store(Path.of(parts[0])).read(parts[1]);
        var out = new ArrayList<PlaygroundScene>();
        for (int i = 0; i < samples.size() && out.size() < limit; i++) {
            Sample s = samples.get(i);
            String instruction = s instanceof Demonstration d ? d.instruction() : s instanceof InstructionSample p ? p.instruction() : null;
            if (instruction != null) {
                out.add(new PlaygroundScene(String.valueOf(i), parts[1], s.observation().image(), instruction));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--scenes: dataset '" + parts[1] + "' in " + parts[0] + " has no sample with an "
                    + "instruction");
        }
        return out;
    }

    /** The bearer token: the first line of {@code file}, else {@code LACY_SERVE_TOKEN}, else none. */
    static Optional<String> token(Path file) throws IOException {
        if (file != null) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException("--token-file " + file + " is empty");
            }
            return Optional.of(lines.get(0).trim());
        }
        return Optional.ofNullable(System.getenv("LACY_SERVE_TOKEN")).filter(t -> !t.isBlank());
    }
}
