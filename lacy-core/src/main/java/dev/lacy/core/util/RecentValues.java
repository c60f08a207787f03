package dev.lacy.core.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of the last {@code capacity} keys asked for, the least recently used dropped first: a cache for values
 * that are costly to compute and asked for again soon (a decoded image, a tokenized line, an image's features). Values
 * are shared, so they must not be written to. Thread-safe; a value is computed outside the lock, so two threads asking
 * for the same new key at once may both compute it (the same value: the computation must depend on the key alone).
 *
 * @param <K> keys, by {@code equals} and {@code hashCode}
 * @param <V> values
 */
public final class RecentValues<K, V> {

    /** How a missing value is computed. */
    @FunctionalInterface
    public interface Computation<K, V, E extends Exception> {
        V compute(K key) throws E;
    }

    private final Map<K, V> recent;

    public RecentValues(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be >= 1");
        }
        this.recent = new LinkedHashMap<>(2 * capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}, computed now by {@code computation} (whose errors pass through) or earlier. */
    public <E extends Exception> V get(K key, Computation<? super K, ? extends V, E> computation) throws E {
        synchronized (recent) {
            V known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = computation.compute(key);
        if (value == null) {
            throw new IllegalStateException("the computation gave no value for " + key);
        }
        synchronized (recent) {
            recent.put(key, value);
        }
        return value;
    }

    /** How many values are kept now. */
    public int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
