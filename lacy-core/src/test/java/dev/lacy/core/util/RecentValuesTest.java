package dev.lacy.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentValuesTest {

    @Test
    void aValueIsComputedOnceWhileItsKeyIsAmongTheMostRecentlyUsed() {
        var computed = new ArrayList<String>();
        var recent = new RecentValues<String, Integer>(2);
        RecentValues.Computation<String, Integer, RuntimeException> length = key -> {
            computed.add(key);
            return key.length();
        };

        assertThat(recent.get("a", length)).isEqualTo(1);
        assertThat(recent.get("bb", length)).isEqualTo(2);
        assertThat(recent.get("a", length)).as("kept").isEqualTo(1);
        assertThat(recent.get("ccc", length)).isEqualTo(3);
        assertThat(recent.get("a", length)).as("used more lately than bb").isEqualTo(1);
        assertThat(recent.get("bb", length)).as("dropped, computed again").isEqualTo(2);

        assertThat(computed).containsExactly("a", "bb", "ccc", "bb");
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void aFailedComputationKeepsNothingAndItsErrorPassesThrough() {
        var recent = new RecentValues<String, byte[]>(4);

        assertThatThrownBy(() -> recent.get("broken.png", key -> {
            throw new IOException(key + " is not a PNG");
        })).isInstanceOf(IOException.class).hasMessage("broken.png is not a PNG");
        assertThatThrownBy(() -> recent.get("nothing", key -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing");
        assertThat(recent.size()).isZero();
        assertThatThrownBy(() -> new RecentValues<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsAskingAtOnceGetTheValuesOfTheirKeys() throws Exception {
        var recent = new RecentValues<Integer, List<Integer>>(8);
        var threads = new ArrayList<Thread>();
        var wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            var thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    int key = i % 12;
                    if (!recent.get(key, k -> List.of(k, k * k)).equals(List.of(key, key * key))) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong.get()).isZero();
        assertThat(recent.size()).isEqualTo(8);
    }
}
