package dev.lacy.trainer;

import java.util.Optional;

/**
 * A text window's full map (every offset's {@code hidden x hidden} matrix, side by side) put exactly into factored
 * form: a down-projection shared by every offset, which spans the column space of all of them (the leading
 * eigenvectors of {@code H H^T}, {@code H} the maps side by side), and one up-projection per offset, the offset's map
 * in that basis.
 *
 * @param down {@code [hidden, rank]}
 * @param up   {@code [offsets * rank, hidden]}
 * @param rank the rank found
 */
record TextMixFactors(float[] down, float[] up, int rank) {

    /**
     * The factors of {@code m} ({@code [offsets * hidden, hidden]}, row-major), or empty when its rank is above
     * {@code maxRank} or the product misses {@code m} by more than 1e-5 of its largest entry.
     */
    static Optional<TextMixFactors> of(float[] m, int d, int offsets, int maxRank) {
    double[][] gram = new double[d][d];
    for (int k = 0; k < offsets; k++) {
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int o = 0; o < d; o++) {
                    sum += (double) m[(k * d + i) * d + o] * m[(k * d + j) * d + o];
                }
                gram[i][j] += sum;
            }
        }
    }
    for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
            gram[i][j] = gram[j][i];
        }
    }
    SymmetricEigen eigen = SymmetricEigen.of(gram);
    double[][] vectors = eigen.vectors();
    double[] values = eigen.values();
    double largest = Math.max(values[0], Double.MIN_NORMAL);
    int rank = 0;
    while (rank < d && values[rank] > 1e-9 * largest) {
        rank++;
    }
    if (rank == 0 || rank > maxRank) {
        return Optional.empty();
    }
    float[] down = new float[d * rank];
    for (int i = 0; i < d; i++) {
        for (int r = 0; r < rank; r++) {
            down[i * rank + r] = (float) vectors[i][r];
        }
    }
    float[] up = new float[offsets * rank * d];
    double worst = 0;
    double scale = 0;
    for (float v : m) {
        scale = Math.max(scale, Math.abs(v));
    }
    for (int k = 0; k < offsets; k++) {
        for (int r = 0; r < rank; r++) {
            for (int o = 0; o < d; o++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += vectors[i][r] * m[(k * d + i) * d + o];
                }
                up[(k * rank + r) * d + o] = (float) sum;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int o = 0; o < d; o++) {
                double product = 0;
                for (int r = 0; r < rank; r++) {
                    product += (double) down[i * rank + r] * up[(k * rank + r) * d + o];
                }
                worst = Math.max(worst, Math.abs(product - m[(k * d + i) * d + o]));
            }
        }
    }
    if (worst > 1e-5 * scale) {
        return Optional.empty();
    }
        return Optional.of(new TextMixFactors(down, up, rank));
    }
}
