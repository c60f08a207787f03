package dev.lacy.core.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PlaneMappingTest {

    private static final List<PlanePoint> CORNERS_AND_MORE = List.of(new PlanePoint(0, 0), new PlanePoint(1, 0),
            new PlanePoint(1, 1), new PlanePoint(0, 1), new PlanePoint(0.5, 0.3), new PlanePoint(0.2, 0.8));

    @Property(tries = 200)
    void aHomographyFittedToExactPairsRecoversThePlane(@ForAll("homographies") PlaneMapping truth,
                                                       @ForAll @DoubleRange(min = 0, max = 1) double x,
                                                       @ForAll @DoubleRange(min = 0, max = 1) double y) {
        List<PointPair> pairs = CORNERS_AND_MORE.stream().map(p -> new PointPair(p, truth.apply(p))).toList();

        PlaneMapping fitted = PlaneMapping.fitHomography(pairs);

        PlanePoint probe = new PlanePoint(x, y);
        assertThat(fitted.apply(probe).distanceTo(truth.apply(probe))).isLessThan(1e-6);
        assertThat(fitted.inverse().apply(fitted.apply(probe)).distanceTo(probe)).isLessThan(1e-9);
        assertThat(fitted.rmsError(pairs)).isLessThan(1e-9);
    }

    @Property(tries = 200)
    void anAffineFitRecoversAnAffineMapAndRoundTrips(@ForAll @DoubleRange(min = -2, max = 2) double a,
                                                    @ForAll @DoubleRange(min = 0.2, max = 2) double scale,
                                                    @ForAll @DoubleRange(min = -1, max = 1) double tx) {
        var truth = PlaneMapping.of(scale * Math.cos(a), -scale * Math.sin(a), tx, scale * Math.sin(a), scale * Math.cos(a), 0.4, 0, 0, 1);
        List<PointPair> pairs = CORNERS_AND_MORE.subList(0, 3).stream().map(p -> new PointPair(p, truth.apply(p))).toList();

        PlaneMapping fitted = PlaneMapping.fitAffine(pairs);

        for (PlanePoint p : CORNERS_AND_MORE) {
            assertThat(fitted.apply(p).distanceTo(truth.apply(p))).isLessThan(1e-9);
            assertThat(fitted.inverse().apply(fitted.apply(p)).distanceTo(p)).isLessThan(1e-9);
        }
    }

    @Test
    void aTypicalTableCalibrationMapsImageCornersToMetres() {
        // image (0,0) top-left is the far-left table corner at (0.3, 0.4) m; x right is robot -y
        List<PointPair> pairs = List.of(
                new PointPair(new PlanePoint(0, 0), new PlanePoint(0.8, 0.4)),
                new PointPair(new PlanePoint(1, 0), new PlanePoint(0.8, -0.4)),
                new PointPair(new PlanePoint(1, 1), new PlanePoint(0.3, -0.4)),
                new PointPair(new PlanePoint(0, 1), new PlanePoint(0.3, 0.4)));

        PlaneMapping toTable = PlaneMapping.fitHomography(pairs);

        PlanePoint center = toTable.apply(new PlanePoint(0.5, 0.5));
        assertThat(center.x()).isCloseTo(0.55, within(1e-9));
        assertThat(center.y()).isCloseTo(0.0, within(1e-9));
        assertThat(toTable.inverse().apply(new PlanePoint(0.55, 0)).toImagePoint()).isPresent();
        assertThat(toTable.inverse().apply(new PlanePoint(2, 0)).toImagePoint()).isEmpty();
    }

    @Test
    void tooFewOrDegeneratePairsAreRefusedWithAReason() {
        var p = new PlanePoint(0, 0);
        assertThatThrownBy(() -> PlaneMapping.fitHomography(List.of(new PointPair(p, p)))).hasMessageContaining("at least 4");
        List<PointPair> collinear = List.of(
                new PointPair(new PlanePoint(0, 0), new PlanePoint(0, 0)),
                new PointPair(new PlanePoint(1, 1), new PlanePoint(1, 1)),
                new PointPair(new PlanePoint(2, 2), new PlanePoint(2, 2)),
                new PointPair(new PlanePoint(3, 3), new PlanePoint(3, 3)));
        assertThatThrownBy(() -> PlaneMapping.fitHomography(collinear)).hasMessageContaining("degenerate");
        assertThatThrownBy(() -> PlaneMapping.fitAffine(collinear.subList(0, 3))).hasMessageContaining("degenerate");
    }

    @Provide
    Arbitrary<PlaneMapping> homographies() {
        Arbitrary<Double> small = Arbitraries.doubles().between(-0.3, 0.3);
        Arbitrary<Double> scale = Arbitraries.doubles().between(0.5, 2);
        return net.jqwik.api.Combinators.combine(scale, small, small, small, scale, small, small.map(v -> v / 3), small.map(v -> v / 3))
                .as((a, b, c, d, e, f, g, h) -> PlaneMapping.of(a, b, c, d, e, f, g, h, 1));
    }
}
