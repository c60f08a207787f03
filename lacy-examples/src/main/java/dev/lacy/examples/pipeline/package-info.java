/**
 * The LACY cycle as the command line runs it: training, evaluation, augmentation and reports. The pipelines take the
 * ports ({@link dev.lacy.core.port.Trainer}, {@link dev.lacy.core.port.ModelLoader},
 * {@link dev.lacy.core.port.DatasetStore}), never the classes behind them (an architecture rule checks it).
 */
package dev.lacy.examples.pipeline;
