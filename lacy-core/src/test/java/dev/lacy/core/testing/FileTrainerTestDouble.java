package dev.lacy.core.testing;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.BinaryChoiceRequest;
import dev.lacy.core.port.BinaryLogits;
import dev.lacy.core.port.FineTuneJob;
import dev.lacy.core.port.GenerationRequest;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.PretrainJob;
import dev.lacy.core.port.Trainer;
import dev.lacy.core.port.TrainingProgress;
import dev.lacy.core.port.VisionLanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test double of {@link Trainer} that learns nothing: it writes a one-line "model" naming its seed
 * and data size, and its loader answers every prompt with that line. It records every job.
 */
public final class FileTrainerTestDouble implements Trainer {

    private final List<FineTuneJob> fineTunes = new ArrayList<>();

    @Override
    public ModelRef pretrain(PretrainJob job) {
        job.from().ifPresent(from -> {
            if (!Files.isRegularFile(from.location().resolve("model.txt"))) {
                throw new IllegalArgumentException("no base model at " + from.location());
            }
        });
        job.listener().onProgress(new TrainingProgress("pretrain", 1, 1, 1.0, 1, Duration.ZERO));
        return write(job.output(), "base seed=" + job.seed() + " samples=" + job.samples().size()
                + job.from().map(from -> " from=" + from.location()).orElse(""));
    }

    @Override
    public ModelRef fineTune(FineTuneJob job) {
        if (!Files.isRegularFile(job.base().location().resolve("model.txt"))) {
            throw new IllegalArgumentException("no base model at " + job.base().location());
        }
        fineTunes.add(job);
        job.listener().onProgress(new TrainingProgress("fine-tune", 1, 1, 0.5, 1, Duration.ZERO));
        return write(job.output(), "tuned seed=" + job.seed() + " demonstrations=" + job.demonstrations().size());
    }

    public List<FineTuneJob> fineTunes() {
        return List.copyOf(fineTunes);
    }

    /** Opens this double's models: each answers with its line, prompted without a chain of thought. */
    public static ModelLoader loader() {
        return new ModelLoader() {
            @Override
            public VisionLanguageModel load(ModelRef ref) {
                try {
                    return new ConstantModel(Files.readString(ref.location().resolve("model.txt")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public PromptFormat promptFormat(ModelRef model) {
                return LacyPromptFormat.withoutChainOfThought();
            }

            @Override
            public boolean isComplete(ModelRef model) {
                return Files.isRegularFile(model.location().resolve("model.txt"));
            }
        };
    }

    private static ModelRef write(Path directory, String content) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("model.txt"), content);
            return new ModelRef(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ConstantModel implements VisionLanguageModel {
        private final String line;
        private boolean closed;

        ConstantModel(String line) {
            this.line = line;
        }

        @Override
        public List<String> generate(GenerationRequest request) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return Collections.nCopies(request.samples(), line);
        }

        @Override
        public BinaryLogits scoreBinaryChoice(BinaryChoiceRequest request) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return new BinaryLogits(0, 1);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
