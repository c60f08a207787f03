package dev.lacy.core.data;

import dev.lacy.core.scene.Observation;

/**
 * An instruction given over an observation, without an action: an item of an instruction pool, what a robot
 * team collects cheaply (camera frames and the instructions operators gave) and what Algorithm 1 turns into
 * demonstrations. A simulated pool keeps the scene in the observation's ground truth, for measurement only.
 */
public record InstructionSample(Observation observation, String instruction) implements Sample {

    public InstructionSample {
        if (observation == null) {
            throw new IllegalArgumentException("an instruction sample needs an observation");
        }
        if (instruction == null || instruction.isBlank()) {
            throw new IllegalArgumentException("an instruction sample needs a non-blank instruction");
        }
    }

    /** A demonstration's observation and instruction (the paper's recipe runs Algorithm 1 over its training set). */
    public static InstructionSample of(Demonstration demonstration) {
        return new InstructionSample(demonstration.observation(), demonstration.instruction());
    }
}
