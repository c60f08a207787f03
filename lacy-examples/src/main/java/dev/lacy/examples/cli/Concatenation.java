package dev.lacy.examples.cli;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Lists one after another as one read-only list, without reading them: {@code get} asks the list that holds the index. */
final class Concatenation<T> extends AbstractList<T> implements RandomAccess {

    private final List<List<T>> parts;
    private final int[] starts;
    private final int size;

    private Concatenation(List<List<T>> parts) {
        this.parts = List.copyOf(parts);
        this.starts = new int[this.parts.size()];
        int at = 0;
        for (int i = 0; i < this.parts.size(); i++) {
            starts[i] = at;
            at = Math.addExact(at, this.parts.get(i).size());
        }
        this.size = at;
    }

    static <T> List<T> of(List<List<T>> parts) {
        return parts.size() == 1 ? java.util.Collections.unmodifiableList(parts.get(0)) : new Concatenation<>(parts);
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        int part = java.util.Arrays.binarySearch(starts, index);
        if (part < 0) {
            part = -part - 2;
        }
        // skip empty parts that start at the same index
        while (index - starts[part] >= parts.get(part).size()) {
            part++;
        }
        return parts.get(part).get(index - starts[part]);
    }

    @Override
    public int size() {
        return size;
    }
}
