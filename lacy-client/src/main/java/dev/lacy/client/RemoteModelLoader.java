package dev.lacy.client;

import dev.lacy.core.format.LacyPromptFormat;
import dev.lacy.core.format.PromptFormat;
import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import java.net.URI;
import java.util.Optional;

/**
 * The {@link ModelLoader} of a served model: every reference opens a {@link LacyClient} of the one model the server
 * serves (the server names it; the reference's location is not sent), prompted as the server says. Bind it in place
 * of the local loader (one Guice module) and the pipelines run against the server.
 */
public final class RemoteModelLoader implements ModelLoader {

    private final URI base;
    private final Optional<String> token;

    public RemoteModelLoader(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    @Override
    public VisionLanguageModel load(ModelRef model) {
        return LacyClient.of(base, token);
    }

    @Override
    public PromptFormat promptFormat(ModelRef model) {
        try (LacyClient client = LacyClient.of(base, token)) {
            var served = client.model();
            if (!served.path("chainOfThought").asBoolean(true)) {
                return LacyPromptFormat.withoutChainOfThought();
            }
            LacyPromptFormat format = served.path("groundFirst").asBoolean(false) ? LacyPromptFormat.groundingFirst()
                    : LacyPromptFormat.withChainOfThought();
            return format.withPickPhrases(served.path("pickPhrases").asBoolean(false))
                    .withComparisonLine(served.path("comparisonLine").asInt(1));
        }
    }

    /** A served model is complete when the server says it is ready. */
    @Override
    public boolean isComplete(ModelRef model) {
        try (LacyClient client = LacyClient.of(base, token)) {
            return client.model().path("ready").asBoolean(false);
        }
    }
}
