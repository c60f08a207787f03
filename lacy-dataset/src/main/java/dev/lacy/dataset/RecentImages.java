package dev.lacy.dataset;

import dev.lacy.core.scene.RgbImage;
import dev.lacy.core.util.RecentValues;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last few images a store decoded, by their PNG bytes: a demonstration's L2C pairs are stored one after another,
 * each with its own copy of the demonstration's image (the same bytes: {@link PngCodec#encode} is deterministic), and
 * reading them decoded the same PNG sixteen times. The decoded image is immutable and shared. Thread-safe; decoding
 * happens outside the lock.
 */
final class RecentImages {

    private record Key(byte[] png, int hash) {

        static Key of(byte[] png) {
            return new Key(png, Arrays.hashCode(png));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash && Arrays.equals(png, that.png);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final RecentValues<Key, RgbImage> recent;

    RecentImages(int capacity) {
        this.recent = new RecentValues<>(capacity);
    }

    /** The image of {@code png}, decoded now or earlier ({@link PngCodec#decode}'s errors). */
    RgbImage decode(byte[] png) throws IOException {
        return recent.get(Key.of(png), key -> PngCodec.decode(key.png()));
    }
}
