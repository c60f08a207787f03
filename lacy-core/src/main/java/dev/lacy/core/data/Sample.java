package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;

/** One stored sample; every kind starts from an observation. */
public sealed interface Sample permits Demonstration, GroundingSample, ConsistencySample, InstructionSample {

    Observation observation();
}
