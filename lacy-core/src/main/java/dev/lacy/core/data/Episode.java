package dev.lacy.core.data;

import java.util.List;

/** Several demonstrations in a row on one table, each step starting where the last one left it. */
public record Episode(List<Demonstration> steps) {

    public Episode {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("an episode needs at least one step");
        }
        steps = List.copyOf(steps);
    }
}
