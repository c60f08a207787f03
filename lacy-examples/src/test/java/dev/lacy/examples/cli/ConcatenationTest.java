package dev.lacy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenationTest {

    @Test
    void theListsFollowOneAnotherEmptyOnesIncludedAndNothingIsReadBeforeItIsAskedFor() {
        var asked = new ArrayList<String>();
        List<String> lazy = new AbstractList<>() {
            @Override
            public String get(int index) {
                asked.add("c" + index);
                return "c" + index;
            }

            @Override
            public int size() {
                return 3;
            }
        };
        List<String> all = Concatenation.of(List.of(List.of("a0", "a1"), List.of(), List.of(), lazy, List.of(), List.of("e0")));

        assertThat(all).hasSize(6);
        assertThat(asked).isEmpty();
        assertThat(all.get(2)).isEqualTo("c0");
        assertThat(asked).containsExactly("c0");
        assertThat(all).containsExactly("a0", "a1", "c0", "c1", "c2", "e0");
        assertThatThrownBy(() -> all.get(6)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("6 of 6");
        assertThatThrownBy(() -> all.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Concatenation.of(List.of(List.of(), List.of()))).isEmpty();
    }
}
