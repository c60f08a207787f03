package dev.lacy.core.port;

/** The task a model call serves; a model with per-task LoRA adapters activates the task's adapter. */
public enum LacyTask {
    GROUNDING,
    L2A,
    A2L,
    L2C
}
