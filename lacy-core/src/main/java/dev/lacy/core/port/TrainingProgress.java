package dev.lacy.core.port;

import java.time.Duration;

/** A progress report from a training run. */
public record TrainingProgress(String stage, long step, long totalSteps, double loss, double samplesPerSecond,
                               Duration eta) {
}
