package kotoba.trainer.spark;

import kotoba.trainer.train.SparkOptions;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

import java.util.Locale;

/** Builds DL4J's parameter-averaging training master from {@link SparkOptions}. */
public final class TrainingMasters {
    private TrainingMasters() {
    }

    /**
     * One {@code fit} over an RDD of {@code workers * averagingFrequency} MultiDataSets of {@code batchPerWorker}
     * sequences each is exactly one averaging round: DL4J splits an RDD into chunks of
     * {@code workers * batchPerWorker * averagingFrequency} examples (randomly when there is more than one chunk,
     * which we avoid), rebalances each chunk over the workers, lets every worker fit {@code averagingFrequency}
     * minibatches, then averages parameters and, unless {@link SparkOptions#optimizerState()} keeps it on the
     * workers, Adam state.
     */
    public static NetworkReusingTrainingMaster parameterAveraging(SparkOptions options, int batchPerWorker,
                                                                  long seed) {
        return parameterAveraging(options, batchPerWorker, seed, true);
    }

    /**
     * As above; {@code keepNetworks} false rebuilds every worker's network each round, as DL4J does (kept for the
     * benchmark's comparison). Either way the workers are kotoba's ({@link NetworkReusingTrainingMaster}): DL4J's own
     * restart the learning-rate schedule every round.
     */
    public static NetworkReusingTrainingMaster parameterAveraging(SparkOptions options, int batchPerWorker,
                                                                  long seed, boolean keepNetworks) {
        return new NetworkReusingTrainingMaster(builder(options, batchPerWorker, seed), keepNetworks,
                options.optimizerState() == SparkOptions.OptimizerState.LOCAL);
    }

    private static ParameterAveragingTrainingMaster.Builder builder(SparkOptions options, int batchPerWorker,
                                                                    long seed) {
        return new ParameterAveragingTrainingMaster.Builder(options.workers(), batchPerWorker)
                .batchSizePerWorker(batchPerWorker)
                .averagingFrequency(options.averagingFrequency())
                .workerPrefetchNumBatches(options.prefetchBatches())
                // SparkStepper makes one partition per worker of exactly averagingFrequency minibatches. DL4J's
                // default (Always, Balanced) would run a Spark job every round only to find them balanced.
                .repartionData(Repartition.Never)
                // Adam's moments must survive the averaging round or every round restarts the optimizer (DL4J's
                // worker rebuilds its updater from the broadcast); kotoba's master decides per round what to ship.
                .saveUpdater(true)
                // Direct: the round's few MultiDataSets go straight to the workers; Export would write them to
                // hadoop.tmp.dir and read them back every round.
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .storageLevel(storageLevel(options.storageLevel()))
                .rngSeed(seed);
    }

    /** Spark storage level by name; {@code NONE} means no persistence. */
    public static StorageLevel storageLevel(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("NONE")) {
            return null;
        }
        try {
            return StorageLevel.fromString(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Spark storage level '" + name + "'");
        }
    }
}
