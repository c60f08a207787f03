package dev.lacy.core.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lacy.core.scene.Point;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GeometryPropertiesTest {

    @Property
    void everyPointOfTheUnitSquareIsInExactlyOneCell(@ForAll @DoubleRange(min = 0, max = 1) double x,
                                                      @ForAll @DoubleRange(min = 0, max = 1) double y) {
        var point = new Point(x, y);
        long containing = java.util.Arrays.stream(GridCell.values()).filter(c -> c.contains(point)).count();
        assertThat(containing).isEqualTo(1);
        GridCell cell = GridCell.of(point);
        assertThat(cell.column()).isEqualTo(Math.min(2, (int) Math.floor(3 * x)));
        assertThat(cell.row()).isEqualTo(Math.min(2, (int) Math.floor(3 * y)));
    }

    @Test
    void theGridNamesCellsByRowThenColumnAndClampsTheFarEdges() {
        assertThat(GridCell.of(new Point(0, 0))).isEqualTo(GridCell.TOP_LEFT);
        assertThat(GridCell.of(new Point(1, 1))).isEqualTo(GridCell.BOTTOM_RIGHT);
        assertThat(GridCell.of(new Point(0.773, 0.531))).isEqualTo(GridCell.MIDDLE_RIGHT);
        assertThat(GridCell.of(new Point(0.5, 0.1)).phrase()).isEqualTo("top center");
        assertThat(GridCell.of(new Point(2 / 3.0, 0.5))).isEqualTo(GridCell.MIDDLE_RIGHT);
    }

    @Property
    void aPointAtAnAngleLiesInTheSectorCenteredNearestThatAngle(@ForAll @DoubleRange(min = 0, max = 359.99) double degrees,
                                                              @ForAll @DoubleRange(min = 0.01, max = 0.4) double distance) {
        var origin = new Point(0.5, 0.5);
        double radians = Math.toRadians(degrees);
        var target = new Point(0.5 + distance * Math.cos(radians), 0.5 + distance * Math.sin(radians));
        double actual = Math.toDegrees(Math.atan2(target.y() - origin.y(), target.x() - origin.x()));

        Direction direction = Direction.from(origin, target);

        double gap = Math.abs(((actual - direction.degrees()) % 360 + 540) % 360 - 180);
        assertThat(gap).isLessThanOrEqualTo(22.5 + 1e-9);
    }

    @Test
    void directionsAreMeasuredInImageCoordinatesWithYDown() {
        var origin = new Point(0.5, 0.5);
        assertThat(Direction.from(origin, new Point(0.7, 0.5))).isEqualTo(Direction.RIGHT);
        assertThat(Direction.from(origin, new Point(0.5, 0.7))).isEqualTo(Direction.BOTTOM);
        assertThat(Direction.from(origin, new Point(0.5, 0.3))).isEqualTo(Direction.TOP);
        assertThat(Direction.from(origin, new Point(0.3, 0.3))).isEqualTo(Direction.TOP_LEFT);
        assertThat(Direction.from(origin, new Point(0.7, 0.3))).isEqualTo(Direction.TOP_RIGHT);
        assertThat(Direction.from(origin, new Point(0.3, 0.5))).isEqualTo(Direction.LEFT);
    }

    @Test
    void sectorBoundariesBelongToTheNextSectorClockwiseInTheImage() {
        var origin = new Point(0.5, 0.5);
        double r = 0.2;
        double at = Math.toRadians(22.5);
        // exactly 22.5 degrees: floor((22.5 + 22.5) / 45) = 1, bottom right
        assertThat(Direction.from(origin, new Point(0.5 + r * Math.cos(at), 0.5 + r * Math.sin(at))))
                .isIn(Direction.BOTTOM_RIGHT, Direction.RIGHT);
        double before = Math.toRadians(22.4);
        assertThat(Direction.from(origin, new Point(0.5 + r * Math.cos(before), 0.5 + r * Math.sin(before))))
                .isEqualTo(Direction.RIGHT);
        double after = Math.toRadians(22.6);
        assertThat(Direction.from(origin, new Point(0.5 + r * Math.cos(after), 0.5 + r * Math.sin(after))))
                .isEqualTo(Direction.BOTTOM_RIGHT);
    }
}
