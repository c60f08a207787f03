package dev.lacy.examples.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lacy.core.cycle.ActiveAugmenter;
import dev.lacy.core.cycle.AugmentationSettings;
import dev.lacy.core.cycle.Lacy;
import dev.lacy.core.cycle.AugmentationStep;
import dev.lacy.core.data.Demonstration;
import dev.lacy.core.port.DatasetStore;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.dataset.AtomicFiles;
import dev.lacy.onnx.runtime.Device;
import dev.lacy.onnx.runtime.OnnxVisionLanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Algorithm 1 over a dataset, written as it goes and resumable after a crash: each example's
 * accepted triplets are appended in one atomic step, then a small progress file records how many
 * examples are done and how many samples the output held after them. A rerun reads both: if the
 * output holds more samples than the progress file says, the crash came between the two writes,
 * and the example whose triplets are there counts as done. Sampling is seeded per example index, so
 * an example done again gives the same triplets: the result equals an uninterrupted run's.
 */
public final class AugmentationRun {

    /** Counts of one run (this invocation and the ones before it). */
    public record Summary(int examples, int sampled, long added, int malformedCandidates, int malformedDescriptions,
                          int resumedAt) {
    }

    private final ActiveAugmenter augmenter;
    private final DatasetStore store;
    private final String output;
    private final Path progressFile;

    public AugmentationRun(ActiveAugmenter augmenter, DatasetStore store, String output, Path progressFile) {
        this.augmenter = augmenter;
        this.store = store;
        this.output = output;
        this.progressFile = progressFile;
    }

    /**
     * Algorithm 1 (the paper's settings) with the model package at {@code model} over {@code dataset},
     * appending to {@code output} and resuming from {@code progressFile}, as {@link #run} does.
     */
    public static Summary withModel(Path model, Device device, DatasetStore store, String output, Path progressFile,
                                    List<Demonstration> dataset, BiConsumer<Long, Long> progress) {
        try (VisionLanguageModel vlm = OnnxVisionLanguageModel.open(model, device)) {
            var lacy = new Lacy(vlm, ModelEvaluations.format(model), ModelEvaluations.MAX_NEW_TOKENS);
            return new AugmentationRun(new ActiveAugmenter(lacy, AugmentationSettings.DEFAULTS), store, output, progressFile)
                    .run(dataset, progress);
        }
    }

    /** Every triplet the dataset {@code output} holds; none where it does not exist yet. */
    public static List<Demonstration> accepted(DatasetStore store, String output) {
        return store.size(output) == 0 ? List.of() : store.read(output, Demonstration.class);
    }

    public Summary run(List<Demonstration> dataset, BiConsumer<Long, Long> progress) {
        Progress p = readProgress();
        long stored = store.size(output);
        int start = p.done;
        if (stored > p.stored) {
            start = p.done + 1;
        } else if (stored < p.stored) {
            throw new IllegalStateException(progressFile + " says the dataset '" + output + "' held " + p.stored
                    + " samples, it holds " + stored + ": they do not belong together");
        }
        if (start > dataset.size()) {
            throw new IllegalStateException(progressFile + " records " + start + " examples done of a dataset of "
                    + dataset.size() + ": it belongs to another dataset");
        }
        int sampled = p.sampled;
        int malformedCandidates = p.malformedCandidates;
        int malformedDescriptions = p.malformedDescriptions;
        writeProgress(new Progress(start, stored, sampled, malformedCandidates, malformedDescriptions));
        for (int i = start; i < dataset.size(); i++) {
            AugmentationStep step = augmenter.augment(dataset.get(i), i);
            if (!step.accepted().isEmpty()) {
                store.append(output, step.accepted());
            }
            sampled += step.sampled() ? 1 : 0;
            malformedCandidates += step.malformedCandidates();
            malformedDescriptions += step.malformedDescriptions();
            writeProgress(new Progress(i + 1, store.size(output), sampled, malformedCandidates, malformedDescriptions));
            progress.accept((long) i + 1, (long) dataset.size());
        }
        return new Summary(dataset.size(), sampled, store.size(output), malformedCandidates, malformedDescriptions, start);
    }

    private record Progress(int done, long stored, int sampled, int malformedCandidates, int malformedDescriptions) {
    }

    private Progress readProgress() {
        if (!Files.exists(progressFile)) {
            return new Progress(0, 0, 0, 0, 0);
        }
        try {
            JsonNode node = new ObjectMapper().readTree(progressFile.toFile());
            return new Progress(node.path("done").asInt(-1), node.path("stored").asLong(-1), node.path("sampled").asInt(),
                    node.path("malformedCandidates").asInt(), node.path("malformedDescriptions").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(progressFile + " is not a progress file of 'lacy augment'", e);
        }
    }

    private void writeProgress(Progress p) {
        try {
            Files.createDirectories(progressFile.toAbsolutePath().getParent());
            AtomicFiles.write(progressFile, new ObjectMapper().createObjectNode().put("done", p.done).put("stored", p.stored)
                    .put("sampled", p.sampled).put("malformedCandidates", p.malformedCandidates)
                    .put("malformedDescriptions", p.malformedDescriptions).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + progressFile, e);
        }
    }
}
