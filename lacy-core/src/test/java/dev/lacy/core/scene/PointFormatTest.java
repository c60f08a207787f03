package dev.lacy.core.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointFormatTest {

    private static void assertFormatsAsStringFormat(double value) {
        assertThat(Point.formatCoordinate(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.3f", value));
    }

    @Test
    void aCoordinateIsPrintedAsStringFormatPrintsItAtRandomValues() {
        var random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            assertFormatsAsStringFormat(random.nextDouble());
            assertFormatsAsStringFormat(random.nextDouble() * 2_000_000 - 500_000);
            // values a camera's calibration computes land anywhere, also next to a printed value
            assertFormatsAsStringFormat(random.nextInt(1001) / 1000.0 + (random.nextDouble() - 0.5) * 1e-9);
        }
    }

    @Test
    void tiesSignedZerosAndTheEdgesArePrintedAsStringFormatPrintsThem() {
        for (int k = 0; k <= 4000; k++) {
            assertFormatsAsStringFormat(k / 2000.0);
            assertFormatsAsStringFormat(Math.nextUp(k / 2000.0));
            assertFormatsAsStringFormat(Math.nextDown(k / 2000.0));
            assertFormatsAsStringFormat(k * 0.0005);
            assertFormatsAsStringFormat(1000 + k * 0.0005);
        }
        for (double value : new double[] {0.0, -0.0, -0.0004, -0.0005, 0.0005, 0.0015, 1.0005, 0.1235, 0.9995, 0.99949999,
                1, 999_999.9995, 1e6, Math.nextDown(1e6), Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300}) {
            assertFormatsAsStringFormat(value);
        }
        assertThat(Point.formatCoordinate(0.5134)).isEqualTo("0.513");
        assertThat(Point.formatCoordinate(0.007)).isEqualTo("0.007");
        assertThat(Point.formatCoordinate(0.07)).isEqualTo("0.070");
        assertThat(new Point(1, 0.0456).format()).isEqualTo("(1.000,0.046)");
    }
}
