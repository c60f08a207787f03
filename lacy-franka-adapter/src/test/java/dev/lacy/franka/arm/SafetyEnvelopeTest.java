package dev.lacy.franka.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lacy.core.calibration.PlanePoint;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SafetyEnvelopeTest {

    private final SafetyEnvelope square = new SafetyEnvelope(List.of(new PlanePoint(0.3, -0.2), new PlanePoint(0.7, -0.2),
            new PlanePoint(0.7, 0.2), new PlanePoint(0.3, 0.2)), 0.002, 0.4, 0.1, 0.1);

    @Property(tries = 500)
    void everyTargetOutsideTheEnvelopeIsRefusedAndEveryOneInsideAccepted(
            @ForAll @DoubleRange(min = -1, max = 2) double x, @ForAll @DoubleRange(min = -1, max = 1) double y,
            @ForAll @DoubleRange(min = -0.5, max = 1) double z) {
        boolean inside = x >= 0.3 && x <= 0.7 && y >= -0.2 && y <= 0.2 && z >= 0.002 && z <= 0.4;
        var plan = new MotionPlan(List.of(new Waypoint("safe", 0.5, 0, 0.2), new Waypoint("probe", x, y, z)));

        assertThat(square.violation(plan).isEmpty()).isEqualTo(inside);
        square.violation(plan).ifPresent(v -> assertThat(v).contains("probe"));
    }

    @Test
    void aNonConvexPolygonExcludesItsNotch() {
        var ell = new SafetyEnvelope(List.of(new PlanePoint(0, 0), new PlanePoint(2, 0), new PlanePoint(2, 1),
                new PlanePoint(1, 1), new PlanePoint(1, 2), new PlanePoint(0, 2)), 0, 1, 0.1, 0.1);

        assertThat(ell.contains(new PlanePoint(0.5, 1.5))).isTrue();
        assertThat(ell.contains(new PlanePoint(1.5, 1.5))).isFalse();
        assertThat(ell.contains(new PlanePoint(2, 0.5))).as("on an edge").isTrue();
    }

    @Test
    void scalingAboveTheCapIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new SafetyEnvelope(square.polygon(), 0, 0.4, 0.8, 0.1)).hasMessageContaining("(0, 0.5]");
        assertThatThrownBy(() -> new SafetyEnvelope(square.polygon(), 0.4, 0.1, 0.1, 0.1)).hasMessageContaining("minZ < maxZ");
    }
}
