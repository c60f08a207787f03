package dev.lacy.core.calibration;

/** Least-squares solutions of small dense systems through the normal equations and Gaussian elimination. */
final class LeastSquares {

    private LeastSquares() {
    }

    /** The x minimising |A x - b|; throws when A has dependent columns (a degenerate fit). */
    static double[] solve(double[][] a, double[] b) {
        int n = a[0].length;
        double[][] normal = new double[n][n + 1];
        for (int row = 0; row < a.length; row++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    normal[i][j] += a[row][i] * a[row][j];
                }
                normal[i][n] += a[row][i] * b[row];
            }
        }
        return gauss(normal);
    }

    private static double[] gauss(double[][] m) {
        int n = m.length;
        double scale = 0;
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(row[j]));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) <= 1e-12 * Math.max(scale, 1e-300)) {
                throw new IllegalArgumentException("the calibration points are degenerate (collinear or repeated)");
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = m[row][col] / m[col][col];
                    for (int j = col; j <= n; j++) {
                        m[row][j] -= factor * m[col][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
