package dev.lacy.examples.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lacy.core.judge.ActionJudge;
import dev.lacy.core.language.InstructionParser;
import dev.lacy.core.language.InstructionTemplates;
import dev.lacy.core.spatial.SpatialDescriber;
import dev.lacy.core.spatial.SpatialThresholds;

/**
 * The core's stateless services, configured by the spatial thresholds. The core itself knows
 * nothing of Guice: this module builds its objects explicitly.
 */
public final class DomainModule extends AbstractModule {

    private final SpatialThresholds thresholds;

    public DomainModule(SpatialThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Provides
    @Singleton
    SpatialThresholds thresholds() {
        return thresholds;
    }

    @Provides
    @Singleton
    SpatialDescriber describer(SpatialThresholds configured) {
        return new SpatialDescriber(configured);
    }

    @Provides
    @Singleton
    ActionJudge judge(SpatialThresholds configured) {
        return new ActionJudge(configured);
    }

    @Provides
    @Singleton
    InstructionTemplates templates() {
        return new InstructionTemplates();
    }

    @Provides
    @Singleton
    InstructionParser parser() {
        return new InstructionParser();
    }
}
