package dev.lacy.core.port;

/** The fine-tuning variants the paper compares (Tables II and III), plus a full fine-tune. */
public enum TrainingMode {
    /** One LoRA adapter for all three tasks (LACY-Joint). */
    JOINT,
    /** One LoRA adapter per task (LACY-Ind). */
    INDEPENDENT,
    /** One joint adapter trained on answers without the grounding step (LACY-non-CoT). */
    NON_COT,
    /** Every weight trained, no adapter: for comparison only. */
    FULL
}
