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

    /** The Wilson score interval at 95 % of the success rate, in percent, {@code [low, high]}; {@code [0, 100]} for no trials. */
    public double[] wilson95() {
        if (total == 0) {
            return new double[] {0, 100};
        }
        double z = 1.959963984540054;
        double p = (double) successes / total;
        double z2n = z * z / total;
        double center = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / total + z2n / (4.0 * total)) / (1 + z2n);
        return new double[] {100 * Math.max(0, center - half), 100 * Math.min(1, center + half)};
    }

    /** {@code "84.0 % (84/100, 95 % CI 75.6-89.9)"}; {@code "no trials"} without any. */
    public String describe() {
        if (total == 0) {
            return "no trials";
        }
        double[] ci = wilson95();
        return String.format(java.util.Locale.ROOT, "%.1f %% (%d/%d, 95 %% CI %.1f-%.1f)", percent(), successes, total,
                ci[0], ci[1]);
    }
}
