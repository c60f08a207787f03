package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.lacy.client.RemoteModelLoader;
import dev.lacy.core.port.ModelLoader;
import java.net.URI;
import java.util.Optional;

/**
 * The model served by {@code lacy serve} at {@code base}, in place of {@link OnnxModelModule}: every model the
 * application opens is a {@code LacyClient} of that server. Connects at the first call.
 */
public final class RemoteModelModule extends AbstractModule {

    private final URI base;
    private final Optional<String> token;

    public RemoteModelModule(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    @Provides
    ModelLoader loader() {
        return new RemoteModelLoader(base, token);
    }
}
