/** The LACY cycle as the command line runs it: training, evaluation, augmentation and reports over datasets on disk. */
package dev.lacy.examples.pipeline;
