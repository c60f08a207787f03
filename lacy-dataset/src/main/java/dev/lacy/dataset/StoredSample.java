package dev.lacy.dataset;

import dev.lacy.core.data.Sample;
import java.nio.file.Path;

/** A sample as stored: its index in the dataset, the PNG that holds its image, and the sample itself. */
public record StoredSample(long index, Path image, Sample sample) {
}
