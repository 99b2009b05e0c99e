package kotoba.trainer.model;

/**
 * e^(x - shift) over a row in place, for attention's softmax whose shift is the row's maximum, in plain double
 * arithmetic that C2 compiles to vector instructions: {@code Math.exp} is one scalar call per element, 10-26 ns an
 * element on the Intel VM of bench/RESULTS.md 3q, where this took 1.5-3.
 *
 * <p>e^y = (e^(y / 4096))^4096: a degree-11 Taylor polynomial on |y / 4096| <= 0.173 (remainder below 1e-16),
 * then twelve squarings, which multiply its relative error by 4096. Relative error below 1e-12 for arguments in
 * [-708, 708]; arguments below -708 give e^-708 (4e-308) instead of underflowing, which a softmax cannot tell from
 * zero next to its maximum's 1, and large ones overflow to infinity, as e^x does. NaN stays NaN. Each pass is short
 * on purpose: C2 does not unroll, so does not vectorise, a loop body of the polynomial and the squarings together.
 */
final class RowExp {

    private static final double LOWEST = -708;
    private static final double SCALE = 1.0 / 4096;

    private RowExp() {
    }

    /** row[0, len) := e^(row - shift); returns their sum. */
    static double inPlace(double[] row, int len, double shift) {
        polynomial(row, len, shift);
        square12(row, len);
        return sum(row, len);
    }

    private static void polynomial(double[] x, int len, double shift) {
        for (int i = 0; i < len; i++) {
            double y = Math.max(x[i] - shift, LOWEST) * SCALE;
            double p = Math.fma(1.0 / 39916800.0, y, 1.0 / 3628800.0);
            p = Math.fma(p, y, 1.0 / 362880.0);
            p = Math.fma(p, y, 1.0 / 40320.0);
            p = Math.fma(p, y, 1.0 / 5040.0);
            p = Math.fma(p, y, 1.0 / 720.0);
            p = Math.fma(p, y, 1.0 / 120.0);
            p = Math.fma(p, y, 1.0 / 24.0);
            p = Math.fma(p, y, 1.0 / 6.0);
            p = Math.fma(p, y, 0.5);
            p = Math.fma(p, y, 1.0);
            x[i] = Math.fma(p, y, 1.0);
        }
    }

    private static void square12(double[] x, int len) {
        for (int i = 0; i < len; i++) {
            double p = x[i];
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            x[i] = p * p;
        }
    }

    /** Four running sums, so that the adds do not wait on each other. */
    private static double sum(double[] x, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < len; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
