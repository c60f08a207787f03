package dev.lacy.core.spatial;

/**
 * The distances that choose the kind of description (paper section III-C). With {@code d} the
 * distance from the place point to the nearest other object's outer contour: {@code d < relative}
 * allows a relative description, {@code d > absolute} an absolute one. Requiring
 * {@code absolute <= relative} guarantees that every place point allows at least one.
 */
public record SpatialThresholds(double absolute, double relative) {

    /** The paper's values: {@code d_abs = 0.15}, {@code d_rel = 0.3}. */
    public static final SpatialThresholds PAPER = new SpatialThresholds(0.15, 0.3);

    public SpatialThresholds {
        if (!(absolute >= 0) || !(relative > 0) || absolute > relative) {
            throw new IllegalArgumentException("thresholds d_abs = " + absolute + ", d_rel = " + relative
                    + " must satisfy 0 <= d_abs <= d_rel and d_rel > 0");
        }
    }

    public boolean allowsRelative(double contourDistance) {
        return contourDistance < relative;
    }

    public boolean allowsAbsolute(double contourDistance) {
        return contourDistance > absolute;
    }
}
