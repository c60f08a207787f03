package dev.lacy.core.testing;

import dev.lacy.core.data.Sample;
import dev.lacy.core.port.DatasetStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test double of {@link DatasetStore} in memory: it keeps nothing across a crash. */
public final class InMemoryDatasetStoreTestDouble implements DatasetStore {

    private final Map<String, List<Sample>> datasets = new HashMap<>();

    @Override
    public void append(String dataset, List<? extends Sample> samples) {
        if (!dataset.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("bad dataset name '" + dataset + "'");
        }
        datasets.computeIfAbsent(dataset, d -> new ArrayList<>()).addAll(samples);
    }

    @Override
    public List<Sample> read(String dataset) {
        List<Sample> samples = datasets.get(dataset);
        if (samples == null) {
            throw new IllegalArgumentException("no dataset '" + dataset + "'");
        }
        return List.copyOf(samples);
    }

    @Override
    public long size(String dataset) {
        return datasets.getOrDefault(dataset, List.of()).size();
    }
}
