package dev.lacy.core.port;

/**
 * How tokens are chosen: greedy when {@code temperature} is 0, otherwise sampled with temperature,
 * nucleus ({@code topP}) and {@code topK} (0 means no limit) filtering, from a seeded generator.
 */
public record Decoding(double temperature, double topP, int topK, long seed) {

    public Decoding {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature " + temperature + " must be finite and >= 0");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p " + topP + " must be in (0, 1]");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k " + topK + " must be >= 0");
        }
    }

    public static Decoding greedy() {
        return new Decoding(0, 1, 0, 0);
    }

    public static Decoding sampled(double temperature, double topP, long seed) {
        if (temperature <= 0) {
            throw new IllegalArgumentException("sampling needs a temperature > 0, got " + temperature);
        }
        return new Decoding(temperature, topP, 0, seed);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    public Decoding withSeed(long newSeed) {
        return new Decoding(temperature, topP, topK, newSeed);
    }
}
