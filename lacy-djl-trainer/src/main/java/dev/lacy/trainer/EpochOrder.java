package dev.lacy.trainer;

import java.util.SplittableRandom;

/**
 * The order a run reads its examples in: each epoch a seeded shuffle, then within each window of eight batches the
 * examples sorted by length (so that a batch pads little), then the window's batches in a seeded order. A step's
 * batch depends only on the seed, the step and the examples' lengths, so a resumed run reads what an uninterrupted
 * one would.
 */
final class EpochOrder {

    private final int[] lengths;
    private final int batch;
    private final long seed;

    EpochOrder(int[] lengths, int batch, long seed) {
        this.lengths = lengths;
        this.batch = batch;
        this.seed = seed;
    }

    /** The examples of step {@code step}'s batch, by index. */
    int[] batchIndices(int step) {
        int n = lengths.length;
        int[] out = new int[batch];
        for (int i = 0; i < out.length; i++) {
            long position = (long) step * batch + i;
            int epoch = (int) (position / n);
            out[i] = permutation(epoch)[(int) (position % n)];
        }
        return out;
    }

    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    /**
     * The epoch's order: a seeded shuffle, then within each window of eight batches the examples
     * sorted by length (so that a batch pads little), then the window's batches in a seeded order.
     */
    private int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            var random = new SplittableRandom(seed * 1_000_003L + epoch);
            int[] p = shuffled(lengths.length, random);
            int window = batch * 8;
            for (int start = 0; start < p.length; start += window) {
                int end = Math.min(p.length, start + window);
                Integer[] part = new Integer[end - start];
                for (int i = start; i < end; i++) {
                    part[i - start] = p[i];
                }
                java.util.Arrays.sort(part, java.util.Comparator.comparingInt((Integer i) -> lengths[i])
                        .thenComparingInt(i -> i));
                int batches = (part.length + batch - 1) / batch;
                int[] order = shuffled(batches, random);
                int k = start;
                for (int b : order) {
                    for (int i = b * batch; i < Math.min(part.length, (b + 1) * batch); i++) {
                        p[k++] = part[i];
                    }
                }
            }
            cachedEpoch = epoch;
            cachedPermutation = p;
        }
        return cachedPermutation;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
