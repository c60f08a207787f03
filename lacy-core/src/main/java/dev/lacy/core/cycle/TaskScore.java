package dev.lacy.core.cycle;

/** Successes out of trials for one metric. */
public record TaskScore(int successes, int total) {

    public TaskScore {
        if (total < 0 || successes < 0 || successes > total) {
            throw new IllegalArgumentException("score " + successes + "/" + total + " is impossible");
        }
    }

    /** The success rate in percent; 0 for no trials. */
    public double percent() {
        return total == 0 ? 0 : 100.0 * successes / total;
    }
}
