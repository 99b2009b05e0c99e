package kotoba.trainer.spark;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * What one parameter-averaging round hands to the Spark driver, checked against {@code spark.driver.maxResultSize}
 * before training starts.
 *
 * <p>Each worker returns its parameters and Adam's two moments (float32, three times the parameter count): always with
 * {@code optimizer_state = averaged}, and with {@code local} on every round that ends at a checkpoint, the last round
 * included. DL4J merges them with {@code treeAggregate}; whatever is left after its executor-side levels reaches the
 * driver, and Spark aborts the job once a stage's results add up to more than {@code spark.driver.maxResultSize}
 * (1g by default: about 44M parameters with two workers). Without this check that abort comes after the first
 * round's training, minutes or hours into a run.
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
                        + "%s=%dm, or spark.conf.\"%s\" = %dm in kotoba's config) with a driver heap "
                        + "(spark.driver.memory) well above that, or train fewer parameters or workers "
                        + "(trainer.spark.workers = %d)",
                resultsAtDriver(), ceilMb(bytesPerResult()), parameters, neededMb, MAX_RESULT_SIZE,
                conf.get(MAX_RESULT_SIZE, "1g (Spark's default)"), neededMb, MAX_RESULT_SIZE, neededMb,
                MAX_RESULT_SIZE, neededMb, workers));
    }

    /** Throws with {@link #problem}'s reason if a round cannot reach the driver. */
    public void require(SparkConf conf) {
        problem(conf).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    private static long ceilMb(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }
}
