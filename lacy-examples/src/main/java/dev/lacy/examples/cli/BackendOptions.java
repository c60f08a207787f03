package dev.lacy.examples.cli;

import com.google.inject.Module;
import dev.lacy.examples.wiring.CoppeliaSimConfigFile;
import dev.lacy.examples.wiring.CoppeliaSimModule;
import dev.lacy.examples.wiring.FrankaConfigFile;
import dev.lacy.examples.wiring.FrankaModule;
import dev.lacy.examples.wiring.FrankaSetup;
import dev.lacy.examples.wiring.TabletopModule;
import dev.lacy.examples.wiring.TabletopSettings;
import dev.lacy.sim.coppeliasim.CoppeliaSimConfig;
import dev.lacy.sim.tabletop.Randomization;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which robot and camera a command drives: the one place where the backend's module is chosen. */
final class BackendOptions {

    enum Backend { embedded, coppeliasim, franka }

    @Option(names = "--backend", defaultValue = "embedded",
            description = "embedded (the built-in tabletop, default), coppeliasim, or franka (a real Panda and RealSense)")
    Backend backend;

    @Option(names = "--franka-config", paramLabel = "FILE", description = "franka: the robot's configuration (see docs/franka.md)")
    Path frankaConfig;

    @Option(names = "--dry-run", description = "franka: plan and log every motion, send nothing")
    boolean dryRun;

    @Option(names = "--coppeliasim", defaultValue = "tcp://127.0.0.1:23000", paramLabel = "tcp://HOST:PORT",
            description = "CoppeliaSim's ZeroMQ remote API server (default ${DEFAULT-VALUE})")
    String endpoint;

    @Option(names = "--coppeliasim-config", paramLabel = "FILE",
            description = "scene contract and calibration for CoppeliaSim (JSON; see docs/coppeliasim.md)")
    Path coppeliaSimConfig;

    @Option(names = "--image-size", defaultValue = "224", description = "embedded backend: image side in pixels (default ${DEFAULT-VALUE})")
    int imageSize;

    Module module(PrintWriter err) {
        return switch (backend) {
            case embedded -> new TabletopModule(new TabletopSettings(imageSize, 3, 8, Randomization.NONE));
            case coppeliasim -> new CoppeliaSimModule(coppeliaSimConfig == null ? CoppeliaSimConfig.defaults(endpoint)
                    : CoppeliaSimConfigFile.read(coppeliaSimConfig, endpoint));
            case franka -> {
                if (frankaConfig == null) {
                    throw new IllegalArgumentException("--backend franka needs --franka-config FILE (see docs/franka.md)");
                }
                FrankaSetup setup = FrankaConfigFile.read(frankaConfig);
                if (dryRun) {
                    setup = new FrankaSetup(setup.arm().asDryRun(), setup.cameraWidth(), setup.cameraHeight(),
                            setup.cameraFps(), setup.converter());
                }
                yield new FrankaModule(setup, new ConsoleConfirmation(err), line -> err.println("franka: " + line));
            }
        };
    }
}
