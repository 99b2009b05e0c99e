package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class DriverResultBudgetTest {
    private static final SparkConf DEFAULTS = new SparkConf(false);

    @Test
    void twoWorkersOfAGpt2SmallSizedModelExceedSparksDefaultLimit() {
        // 124M parameters, three float32 arrays each: 1.5 GB from each of two workers.
        Optional<String> problem = new DriverResultBudget(124_000_000, 2).problem(DEFAULTS);
        assertTrue(problem.isPresent());
        long needMb = (2 * (124_000_000L * 12 + DriverResultBudget.OVERHEAD_PER_RESULT) + (1 << 20) - 1) >> 20;
        assertTrue(problem.get().contains("spark.driver.maxResultSize=" + needMb + "m"), problem.get());
        assertTrue(problem.get().contains("1g (Spark's default)"), problem.get());
        assertTrue(problem.get().contains("2 results"), problem.get());
    }

    @Test
    void theLimitIsSparksOwnComparisonOfTheRoundsTotal() {
        DriverResultBudget budget = new DriverResultBudget(10_000_000, 2);
        long total = budget.bytesPerRound();
        assertEquals(Optional.empty(), budget.problem(new SparkConf(false)
                .set("spark.driver.maxResultSize", String.valueOf(total))));
        assertTrue(budget.problem(new SparkConf(false)
                .set("spark.driver.maxResultSize", String.valueOf(total - 1))).isPresent());
        assertEquals(Optional.empty(), budget.problem(DEFAULTS), "240 MB is under the default 1g");
    }

    @Test
    void zeroMeansNoLimit() {
        assertEquals(Optional.empty(), new DriverResultBudget(1_000_000_000, 64)
                .problem(new SparkConf(false).set("spark.driver.maxResultSize", "0")));
    }

    @Test
    void requireThrowsTheReason() {
        SparkConf tight = new SparkConf(false).set("spark.driver.maxResultSize", "10m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DriverResultBudget(1_000_000, 2).require(tight));
        assertTrue(e.getMessage().contains("spark.driver.maxResultSize = 10m"), e.getMessage());
    }

    @Test
    void nonsenseSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DriverResultBudget(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new DriverResultBudget(10, 0));
    }
}
