package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.GptModel;
import kotoba.trainer.model.ParamCount;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

class DriverResultBudgetTest {
    private static final SparkConf DEFAULTS = new SparkConf(false);

    /** Parameters of the benchmark GPT (vocabulary 8000, context 128) at width d. */
    private static long params(int d, int layers, int heads) {
        return ParamCount.total(GptModel.configuration(GptConfig.of(8000, 128, layers, d, heads), new Adam(),
                DataType.FLOAT));
    }

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
    void aD384ModelWithTwoWorkersNeedsMoreDriverHeapThanTheHeapsItFailedIn() {
        // bench/RESULTS.md 3t: two workers of this model (untied head, 16.8M parameters) hung a G1 driver of 1408 MiB
        // and killed a local-mode JVM of 1664 MiB; spark-submit's default driver has 1 GiB.
        DriverResultBudget budget = new DriverResultBudget(params(384, 6, 6), 2);
        long needed = budget.driverHeapBytes(DEFAULTS);
        assertTrue(needed > 1664L << 20, needed + " bytes");
        Optional<String> problem = budget.problem(DEFAULTS, 1024L << 20);
        assertTrue(problem.isPresent());
        long xmx = budget.driverMemoryMb(DEFAULTS);
        assertTrue(problem.get().contains("this driver has 1024 MiB"), problem.get());
        assertTrue(problem.get().contains("--driver-memory " + xmx + "m"), problem.get());
        // The suggested -Xmx is enough under the parallel collector, which reports 89% of it.
        assertEquals(Optional.empty(), budget.problem(DEFAULTS, (long) (0.89 * (xmx << 20))));
        assertEquals(0, xmx % 256);
    }

    @Test
    void aD512ModelWithTwoWorkersIsToldADriverMemoryThatRanClean() {
        // 3t, after the rule was fitted: results of 312.5 MiB (fetched through disk, above Spark's 200m to-memory
        // limit); a G1 driver of 1792m hung, 2304m lost results, 3072m ran clean.
        DriverResultBudget budget = new DriverResultBudget(params(512, 6, 8), 2);
        assertTrue(budget.driverHeapBytes(DEFAULTS) > 2304L << 20);
        assertTrue(budget.driverMemoryMb(DEFAULTS) <= 3072, budget.driverMemoryMb(DEFAULTS) + "m");
    }

    @Test
    void aD256ModelWithTwoWorkersFitsSparkSubmitsDefaultDriver() {
        // 3t: rounds of this model (7.3M parameters) ran clean on a 768 MiB driver.
        assertEquals(Optional.empty(), new DriverResultBudget(params(256, 4, 4), 2).problem(DEFAULTS, 1024L << 20));
    }

    @Test
    void resultsFetchedOneAtATimeNeedLessHeap() {
        DriverResultBudget budget = new DriverResultBudget(10_000_000, 4);
        long fourAtOnce = budget.driverHeapBytes(DEFAULTS);
        long oneAtATime = budget.driverHeapBytes(new SparkConf(false).set("spark.resultGetter.threads", "1"));
        assertEquals(6 * budget.bytesPerResult(), (fourAtOnce - oneAtATime) / DriverResultBudget.HEAP_HEADROOM, 2.0);
    }

    @Test
    void theResultLimitIsReportedBeforeTheHeap() {
        Optional<String> problem = new DriverResultBudget(124_000_000, 2).problem(DEFAULTS, 64L << 20);
        assertTrue(problem.orElseThrow().contains("spark.driver.maxResultSize"), problem.get());
        assertTrue(problem.get().contains("driver heap of at least"), problem.get());
    }

    @Test
    void nonsenseSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DriverResultBudget(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new DriverResultBudget(10, 0));
    }
}
