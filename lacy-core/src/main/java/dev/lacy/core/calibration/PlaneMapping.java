package dev.lacy.core.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * A projective map between two planes, {@code (x, y) -> ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w)}
 * with {@code w = h6 x + h7 y + h8}: a homography, or an affine map when {@code h6 = h7 = 0}. Fitted
 * by least squares to point pairs; immutable and thread-safe.
 */
public final class PlaneMapping {

    private final double[] h;

    private PlaneMapping(double[] h) {
        if (Arrays.stream(h).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("a plane mapping needs finite coefficients");
        }
        this.h = h.clone();
    }

    /** The nine coefficients, row-major, {@code h8} normally 1. */
    public static PlaneMapping of(double... coefficients) {
        if (coefficients.length != 9) {
            throw new IllegalArgumentException("a plane mapping has 9 coefficients, got " + coefficients.length);
        }
        return new PlaneMapping(coefficients);
    }

    public static PlaneMapping identity() {
        return of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    /** The affine map that best takes every image point to its table point: at least 3 pairs, not collinear. */
    public static PlaneMapping fitAffine(List<PointPair> pairs) {
        require(pairs, 3, "an affine fit");
        double[][] a = new double[2 * pairs.size()][6];
        double[] b = new double[2 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            PlanePoint from = pairs.get(i).image();
            PlanePoint to = pairs.get(i).table();
            a[2 * i] = new double[] {from.x(), from.y(), 1, 0, 0, 0};
            a[2 * i + 1] = new double[] {0, 0, 0, from.x(), from.y(), 1};
            b[2 * i] = to.x();
            b[2 * i + 1] = to.y();
        }
        double[] p = LeastSquares.solve(a, b);
        return of(p[0], p[1], p[2], p[3], p[4], p[5], 0, 0, 1);
    }

    /**
     * The homography that best takes every image point to its table point: at least 4 pairs, no 3
     * collinear. Points are first normalized (centroid at the origin, mean distance sqrt 2) so that the
     * fit is well conditioned whatever the units.
     */
    public static PlaneMapping fitHomography(List<PointPair> pairs) {
        require(pairs, 4, "a homography fit");
        PlaneMapping fromNorm = normalizer(pairs.stream().map(PointPair::image).toList());
        PlaneMapping toNorm = normalizer(pairs.stream().map(PointPair::table).toList());
        double[][] a = new double[2 * pairs.size()][8];
        double[] b = new double[2 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            PlanePoint from = fromNorm.apply(pairs.get(i).image());
            PlanePoint to = toNorm.apply(pairs.get(i).table());
            a[2 * i] = new double[] {from.x(), from.y(), 1, 0, 0, 0, -to.x() * from.x(), -to.x() * from.y()};
            a[2 * i + 1] = new double[] {0, 0, 0, from.x(), from.y(), 1, -to.y() * from.x(), -to.y() * from.y()};
            b[2 * i] = to.x();
            b[2 * i + 1] = to.y();
        }
        double[] p = LeastSquares.solve(a, b);
        PlaneMapping normalized = of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], 1);
        return toNorm.inverse().compose(normalized).compose(fromNorm).scaled();
    }

    public PlanePoint apply(PlanePoint point) {
        double w = h[6] * point.x() + h[7] * point.y() + h[8];
        if (Math.abs(w) < 1e-15) {
            throw new IllegalArgumentException("point (" + point.x() + ", " + point.y() + ") maps to infinity");
        }
        return new PlanePoint((h[0] * point.x() + h[1] * point.y() + h[2]) / w,
                (h[3] * point.x() + h[4] * point.y() + h[5]) / w);
    }

    /** The map back. */
    public PlaneMapping inverse() {
        double a = h[0];
        double b = h[1];
        double c = h[2];
        double d = h[3];
        double e = h[4];
        double f = h[5];
        double g = h[6];
        double hh = h[7];
        double i = h[8];
        double det = a * (e * i - f * hh) - b * (d * i - f * g) + c * (d * hh - e * g);
        if (Math.abs(det) < 1e-15) {
            throw new IllegalArgumentException("the plane mapping is singular and has no inverse");
        }
        return of((e * i - f * hh) / det, (c * hh - b * i) / det, (b * f - c * e) / det,
                (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
                (d * hh - e * g) / det, (b * g - a * hh) / det, (a * e - b * d) / det).scaled();
    }

    /** {@code this} after {@code first}. */
    public PlaneMapping compose(PlaneMapping first) {
        double[] r = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                for (int k = 0; k < 3; k++) {
                    r[3 * row + col] += h[3 * row + k] * first.h[3 * k + col];
                }
            }
        }
        return new PlaneMapping(r);
    }

    /** Root-mean-square distance between mapped image points and their table points. */
    public double rmsError(List<PointPair> pairs) {
        double sum = 0;
        for (PointPair pair : pairs) {
            double d = apply(pair.image()).distanceTo(pair.table());
            sum += d * d;
        }
        return Math.sqrt(sum / pairs.size());
    }

    public double[] coefficients() {
        return h.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlaneMapping that && Arrays.equals(h, that.h);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(h);
    }

    @Override
    public String toString() {
        return "PlaneMapping" + Arrays.toString(h);
    }

    private PlaneMapping scaled() {
        if (Math.abs(h[8]) < 1e-15) {
            return this;
        }
        double[] r = h.clone();
        for (int k = 0; k < 9; k++) {
            r[k] /= h[8];
        }
        return new PlaneMapping(r);
    }

    private static PlaneMapping normalizer(List<PlanePoint> points) {
        double cx = points.stream().mapToDouble(PlanePoint::x).average().orElse(0);
        double cy = points.stream().mapToDouble(PlanePoint::y).average().orElse(0);
        double mean = points.stream().mapToDouble(p -> Math.hypot(p.x() - cx, p.y() - cy)).average().orElse(0);
        if (mean < 1e-12) {
            throw new IllegalArgumentException("the calibration points are degenerate (all at one spot)");
        }
        double s = Math.sqrt(2) / mean;
        return of(s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1);
    }

    private static void require(List<PointPair> pairs, int minimum, String what) {
        if (pairs == null || pairs.size() < minimum) {
            throw new IllegalArgumentException(what + " needs at least " + minimum + " point pairs, got "
                    + (pairs == null ? 0 : pairs.size()));
        }
    }
}
