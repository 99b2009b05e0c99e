package kotoba.trainer.spark;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * What one parameter-averaging round hands to the Spark driver, checked before training starts against
 * {@code spark.driver.maxResultSize} and against the driver's heap.
 *
 * <p>Each worker returns its parameters and Adam's two moments (float32, three times the parameter count): always with
 * {@code optimizer_state = averaged}, and with {@code local} on every round that ends at a checkpoint, the last round
 * included. DL4J merges them with {@code treeAggregate}; whatever is left after its executor-side levels reaches the
 * driver, and Spark aborts the job once a stage's results add up to more than {@code spark.driver.maxResultSize}
 * (1g by default: about 44M parameters with two workers). Without this check that abort comes after the first
 * round's training, minutes or hours into a run.
 *
 * <p>The driver's heap holds the round's broadcast and every result while it is fetched, twice over (Netty's merged
 * buffer and Spark's copy of it; in local mode the task's serialized output and the driver's). A 16.8M-parameter
 * model with two workers (results of 194 MiB) needed a 1664 MiB heap on executor processes and 1792 MiB in local mode
 * (bench/RESULTS.md 3t). Below that, results were lost and their tasks trained again, or with G1 (the JVM's default,
 * which spark-submit's driver gets) the result fetcher's thread died of it and the job hung; in local mode the JVM
 * exited.
 *
 * @param parameters trainable numbers in the model
 * @param workers    parallel training tasks (one partition each)
 */
public record DriverResultBudget(long parameters, int workers) {
    /** DL4J's {@code ParameterAveragingTrainingMaster.Builder} default, which {@link TrainingMasters} keeps. */
    static final int AGGREGATION_DEPTH = 2;
    /** Parameters plus Adam's first and second moments. */
    static final int ARRAYS_PER_RESULT = 3;
    /**
     * Room for what travels with the arrays in a result: Kryo's headers, the score, Spark's accumulator updates.
     * {@code SparkTrainerTest} measures about 1.3 KB, whatever the model's size.
     */
    static final long OVERHEAD_PER_RESULT = 64L << 10;
    static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";
    /** Threads that fetch task results on the driver; Spark's default is 4. */
    static final String RESULT_GETTER_THREADS = "spark.resultGetter.threads";
    /**
     * The driver heap a round needs is {@code HEAP_BASE + HEAP_HEADROOM * live}, where live is the round's broadcast
     * and two copies of each result fetched at once: fitted to bench/RESULTS.md 3t, where the 7.3M- and
     * 16.8M-parameter models needed about 1.6 times their live bytes (the collector has to place arrays of hundreds of
     * MB whole), and above every heap that failed there.
     */
    static final long HEAP_BASE = 192L << 20;
    static final double HEAP_HEADROOM = 1.6;
    /** {@code Runtime.maxMemory()} over {@code -Xmx} with the parallel collector (one survivor space less); G1: 1. */
    static final double PARALLEL_GC_MAX_MEMORY_SHARE = 0.89;

    public DriverResultBudget {
        if (parameters < 1 || workers < 1) {
            throw new IllegalArgumentException("parameters and workers must be positive, got " + parameters + ", "
                    + workers);
        }
    }

    /**
     * Results that reach the driver: {@code RDD.treeAggregate}'s partition count after its executor-side levels (it
     * adds a level only while that shortens the final merge, so two to five workers all send their results).
     */
    public int resultsAtDriver() {
        int partitions = workers;
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / AGGREGATION_DEPTH)), 2);
        while (partitions > scale + Math.ceil((double) partitions / scale)) {
            partitions /= scale;
        }
        return partitions;
    }

    /** One result's serialized size, at most. */
    public long bytesPerResult() {
        return parameters * ARRAYS_PER_RESULT * Float.BYTES + OVERHEAD_PER_RESULT;
    }

    /** What one round's results add up to on the driver, at most. */
    public long bytesPerRound() {
        return resultsAtDriver() * bytesPerResult();
    }

    /**
     * The driver heap ({@code Runtime.maxMemory()}) a round needs: its broadcast (the parameters and moments, or the
     * parameters and the driver's moments for new workers) and, for each result fetched at once, two copies.
     */
    public long driverHeapBytes(SparkConf conf) {
        long live = bytesPerResult() * (1 + 2L * fetchedAtOnce(conf));
        return HEAP_BASE + (long) Math.ceil(HEAP_HEADROOM * live);
    }

    /**
     * An {@code -Xmx} (MiB, a multiple of 256) that gives {@link #driverHeapBytes} under either collector: with the
     * parallel one the JVM reports less than its {@code -Xmx}.
     */
    public long driverMemoryMb(SparkConf conf) {
        return (long) Math.ceil(ceilMb(driverHeapBytes(conf)) / PARALLEL_GC_MAX_MEMORY_SHARE / 256) * 256;
    }

    private int fetchedAtOnce(SparkConf conf) {
        return Math.min(resultsAtDriver(), Math.max(1, conf.getInt(RESULT_GETTER_THREADS, 4)));
    }

    /**
     * Why a round could not reach the driver, with the settings that would let it: its results above {@code conf}'s
     * limit, or more than a driver heap of {@code driverHeap} bytes ({@code Runtime.maxMemory()}) can hold.
     */
    public Optional<String> problem(SparkConf conf, long driverHeap) {
        Optional<String> limit = problem(conf);
        if (limit.isPresent() || driverHeap >= driverHeapBytes(conf)) {
            return limit;
        }
        long xmxMb = driverMemoryMb(conf);
        return Optional.of(String.format(Locale.ROOT,
                "an averaging round needs about %d MiB of driver heap (its broadcast, and up to %d results of %d MiB "
                        + "held twice while they are fetched), and this driver has %d MiB: results would be lost and "
                        + "their tasks trained again, or the job would hang or die of OutOfMemoryError. Start the "
                        + "driver with at least %dm of heap (spark-submit --driver-memory %dm; bin/kotoba: -Xmx%dm in "
                        + "KOTOBA_JAVA_OPTS; spark.driver.memory in kotoba's config comes too late, the driver is "
                        + "already running), or train fewer parameters or workers (trainer.spark.workers = %d)",
                ceilMb(driverHeapBytes(conf)), fetchedAtOnce(conf), ceilMb(bytesPerResult()), driverHeap >> 20,
                xmxMb, xmxMb, xmxMb, workers));
    }

    /** Why a round could not reach the driver under {@code conf}'s limit, with the settings that would let it. */
    public Optional<String> problem(SparkConf conf) {
        long limit = conf.getSizeAsBytes(MAX_RESULT_SIZE, "1g");
        if (limit == 0 || bytesPerRound() <= limit) {
            return Optional.empty();
        }
        long neededMb = ceilMb(bytesPerRound());
        return Optional.of(String.format(Locale.ROOT,
                "an averaging round sends the driver %d results of up to %d MiB each (%,d parameters and Adam's two "
                        + "moments, float32): %d MiB, above %s = %s. Raise it to at least %dm (spark-submit --conf "
                        + "%s=%dm, or spark.conf.\"%s\" = %dm in kotoba's config) with a driver heap of at least "
                        + "%dm (spark-submit --driver-memory), or train fewer parameters or workers "
                        + "(trainer.spark.workers = %d)",
                resultsAtDriver(), ceilMb(bytesPerResult()), parameters, neededMb, MAX_RESULT_SIZE,
                conf.get(MAX_RESULT_SIZE, "1g (Spark's default)"), neededMb, MAX_RESULT_SIZE, neededMb,
                MAX_RESULT_SIZE, neededMb, driverMemoryMb(conf), workers));
    }

    /** Throws with {@link #problem}'s reason if a round cannot reach this driver (this JVM's heap). */
    public void require(SparkConf conf) {
        problem(conf, Runtime.getRuntime().maxMemory()).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    private static long ceilMb(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }
}
