package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The vectorisable row exponential against Math.exp. */
class RowExpTest {

    @Test
    void matchesMathExpToTwelveDigitsAcrossTheDoubleRangeBelowTheShift() {
        Random random = new Random(5);
        int n = 10_001;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // uniform over [-708, 0] and, for the digits near the maximum, a dense band just below it
            x[i] = i % 2 == 0 ? -708 * random.nextDouble() : -random.nextDouble() * 1e-3;
        }
        x[0] = 0;
        double shift = 2.5;
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            row[i] = x[i] + shift;
        }
        double sum = RowExp.inPlace(row, n, shift);
        double expectedSum = 0;
        for (int i = 0; i < n; i++) {
            double expected = Math.exp(x[i]);
            expectedSum += expected;
            assertEquals(expected, row[i], 1e-12 * expected, "e^" + x[i]);
        }
        assertEquals(expectedSum, sum, 1e-12 * expectedSum);
    }

    @Test
    void argumentsBelowTheDoubleRangeGiveATinyPositiveValueAndNaNStaysNaN() {
        double[] row = {-1000, Double.NEGATIVE_INFINITY, Double.NaN, 0};
        RowExp.inPlace(row, 3, 0);
        assertTrue(row[0] > 0 && row[0] < 1e-307, "e^-1000 -> " + row[0]);
        assertTrue(row[1] > 0 && row[1] < 1e-307, "e^-inf -> " + row[1]);
        assertTrue(Double.isNaN(row[2]), "NaN -> " + row[2]);
        assertEquals(0, row[3], "elements past len are left alone");
    }
}
