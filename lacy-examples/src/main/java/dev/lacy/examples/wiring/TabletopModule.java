package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.port.Camera;
import dev.lacy.core.port.RobotArm;
import dev.lacy.core.port.SceneStager;
import dev.lacy.core.spatial.SpatialThresholds;
import dev.lacy.sim.tabletop.EmbeddedTabletop;
import dev.lacy.sim.tabletop.ObjectCatalogue;
import dev.lacy.sim.tabletop.SampleRecipes;
import dev.lacy.sim.tabletop.SceneSampler;
import dev.lacy.sim.tabletop.ScriptedDemonstrator;
import dev.lacy.sim.tabletop.TabletopRenderer;
import java.util.List;

/**
 * The embedded tabletop as the backend of {@link RobotArm}, {@link Camera} and {@link SceneStager}
 * (one table serves all three), plus the scripted demonstrator that generates data on it. The
 * default backend. Opens nothing until asked.
 */
public final class TabletopModule extends AbstractModule {

    private final TabletopSettings settings;

    public TabletopModule(TabletopSettings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    ObjectCatalogue catalogue() {
        return ObjectCatalogue.standard();
    }

    @Provides
    @Singleton
    SceneSampler sampler(ObjectCatalogue catalogue) {
        return new SceneSampler(catalogue, settings.minObjects(), settings.maxObjects(), 0.02);
    }

    @Provides
    @Singleton
    TabletopRenderer renderer(ObjectCatalogue catalogue) {
        return new TabletopRenderer(catalogue, settings.imageSize(), settings.randomization());
    }

    @Provides
    @Singleton
    EmbeddedTabletop table(TabletopRenderer renderer) {
        return new EmbeddedTabletop(renderer, new dev.lacy.core.scene.Scene(List.of()), 0);
    }

    @Provides
    RobotArm arm(EmbeddedTabletop table) {
        return table;
    }

    @Provides
    Camera camera(EmbeddedTabletop table) {
        return table;
    }

    @Provides
    SceneStager stager(EmbeddedTabletop table) {
        return table;
    }

    @Provides
    @Singleton
    ScriptedDemonstrator demonstrator(SpatialThresholds thresholds) {
        // the one recipe of the generated datasets, which the Spark generation job uses too
        return SampleRecipes.standardDemonstrator(settings.imageSize(), settings.minObjects(), settings.maxObjects(),
                settings.randomization(), thresholds);
    }
}
