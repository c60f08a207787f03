package dev.lacy.core.data;

import java.util.SplittableRandom;

/**
 * Independent, reproducible seeds for numbered items of numbered streams: the seed of item
 * {@code index} of stream {@code stream} depends only on the base seed, the stream and the index. This
 * is what makes generation and augmentation deterministic, parallel and resumable at any item.
 */
public final class SeedStreams {

    private SeedStreams() {
    }

    /** The seed of one item: SplitMix64's finaliser applied to the base seed, the stream and the index. */
    public static long seed(long base, long stream, long index) {
        long z = mix(base ^ mix(stream + 0x9E3779B97F4A7C15L));
        return mix(z ^ mix(index + 0xBF58476D1CE4E5B9L));
    }

    /** A random source for one item. */
    public static SplittableRandom random(long base, long stream, long index) {
        return new SplittableRandom(seed(base, stream, index));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
