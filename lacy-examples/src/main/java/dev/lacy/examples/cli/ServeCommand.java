package dev.lacy.examples.cli;

import dev.lacy.core.port.ModelLoader;
import dev.lacy.core.port.ModelRef;
import dev.lacy.core.port.VisionLanguageModel;
import dev.lacy.server.LacyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lacy serve}: one model over HTTP until the process is stopped (docs/serving.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model over HTTP: /v1/l2a, /v1/a2l, /v1/l2c, /v1/cycle, the model port, metrics and a playground at /.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model package")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE}: this machine only)")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE}; 0 for any free one)")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE", description = "require 'Authorization: Bearer <first line of FILE>' "
            + "(or set LACY_SERVE_TOKEN)")
    Path tokenFile;

    @Mixin
    ClearPlacesOption places;

    @Mixin
    ServeOptions serving;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var settings = serving.settings(host, port, ServeOptions.token(tokenFile));
        var scenes = serving.scenes();
        ModelLoader loader = device.models();
        var ref = new ModelRef(model);
        var stopped = new CountDownLatch(1);
        try (VisionLanguageModel vlm = loader.load(ref)) {
            LacyServer server = LacyServer.start(vlm, loader.promptFormat(ref), model.getFileName().toString(), scenes, settings,
                    places.clearPlace());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "lacy-serve-shutdown"));
            String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
            output.print(Output.object().put("url", url).put("model", model.toString()).put("scenes", scenes.size())
                    .put("maxBatch", settings.maxBatch()).put("token", settings.token().isPresent()),
                    "serving " + model + " at " + url + " (playground " + url + "/, API " + url + "/openapi.json"
                            + (settings.token().isPresent() ? ", bearer token required" : "") + "); Ctrl-C stops it");
            output.out().flush();
            stopped.await();
        }
        return 0;
    }
}
