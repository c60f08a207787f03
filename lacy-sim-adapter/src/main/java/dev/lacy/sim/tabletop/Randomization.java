package dev.lacy.sim.tabletop;

/**
 * Domain randomisation of the rendering, off by default: brightness scaled by up to
 * {@code lighting} (0.1 = +/-10 %), each colour channel jittered by up to {@code colour} (of 255),
 * each object drawn rotated by up to {@code poseDegrees}, and faint distractor strokes on the table.
 * The ground-truth scene never changes: only the picture does.
 */
public record Randomization(double lighting, double colour, double poseDegrees, boolean distractors) {

    public static final Randomization NONE = new Randomization(0, 0, 0, false);
    public static final Randomization MODERATE = new Randomization(0.15, 12, 20, true);

    public Randomization {
        if (!(lighting >= 0 && lighting < 1) || !(colour >= 0 && colour <= 64) || !(poseDegrees >= 0 && poseDegrees <= 180)) {
            throw new IllegalArgumentException("randomization out of range: lighting in [0, 1), colour in [0, 64],"
                    + " pose in [0, 180] degrees; got " + this);
        }
    }

    public boolean isOff() {
        return equals(NONE);
    }
}
