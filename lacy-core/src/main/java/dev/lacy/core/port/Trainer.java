package dev.lacy.core.port;

/** Trains models and writes them as model packages that a {@link ModelLoader} opens. */
public interface Trainer {

    ModelRef pretrain(PretrainJob job);

    ModelRef fineTune(FineTuneJob job);
}
