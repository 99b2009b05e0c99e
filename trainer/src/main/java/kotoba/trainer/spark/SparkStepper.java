package kotoba.trainer.spark;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.train.Stepper;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One parameter-averaging round per call: the round's sequences become {@code workers * averagingFrequency}
 * minibatches, which DL4J trains on the executors and averages.
 *
 * <p>Data path: the driver streams just one round of blocks from the reader (never the corpus), encodes them
 * and ships them with the round's tasks. Workers keep their networks between rounds ({@link NetworkReusingWorker});
 * each round still moves the parameters (and, unless it stays on the workers, the Adam state) to every worker and
 * back, so the averaging frequency should stay high enough for that to be small against the round.
 */
public final class SparkStepper implements Stepper {
    private final SparkComputationGraph spark;
    private final JavaSparkContext sc;
    private final BatchEncoder encoder;
    private final int workers;
    private final int batchPerWorker;
    private final int averagingFrequency;
    private final RoundWatchdog watchdog;
    /** Optimizer steps trained before this round: only for naming a round that timed out. */
    private long stepsDone;

    /** A stepper whose rounds may take as long as they take. */
    public SparkStepper(JavaSparkContext sc, SparkComputationGraph spark, BatchEncoder encoder, int workers,
                        int batchPerWorker, int averagingFrequency) {
        this(sc, spark, encoder, workers, batchPerWorker, averagingFrequency, new RoundWatchdog(sc, Duration.ZERO), 0);
    }

    /** A stepper whose rounds {@code watchdog} cancels when they run too long; the run is at step {@code stepsDone}. */
    SparkStepper(JavaSparkContext sc, SparkComputationGraph spark, BatchEncoder encoder, int workers,
                 int batchPerWorker, int averagingFrequency, RoundWatchdog watchdog, long stepsDone) {
        this.sc = sc;
        this.spark = spark;
        this.encoder = encoder;
        this.workers = workers;
        this.batchPerWorker = batchPerWorker;
        this.averagingFrequency = averagingFrequency;
        this.watchdog = watchdog;
        this.stepsDone = stepsDone;
    }

    @Override
    public int sequencesPerCall() {
        return workers * batchPerWorker * averagingFrequency;
    }

    @Override
    public int stepsPerCall() {
        return averagingFrequency;
    }

    @Override
    public double fit(TokenBatch batch, boolean checkpointAfter) {
        if (checkpointAfter && spark.getTrainingMaster() instanceof NetworkReusingTrainingMaster master) {
            master.averageOptimizerStateNextRound();
        }
        return fit(batch);
    }

    @Override
    public double fit(TokenBatch batch) {
        List<MultiDataSet> minibatches = new ArrayList<>();
        List<PackedBlock> blocks = batch.blocks();
        for (int i = 0; i < blocks.size(); i += batchPerWorker) {
            minibatches.add(encoder.encode(new TokenBatch(blocks.subList(i, i + batchPerWorker), batch.cursorAfter())));
        }
        JavaRDD<MultiDataSet> rdd = distribute(minibatches);
        if (spark.getTrainingMaster() instanceof NetworkReusingTrainingMaster master) {
            master.expectRound(minibatches.size());
        }
        watchdog.run("the averaging round of steps " + (stepsDone + 1) + "-" + (stepsDone + averagingFrequency), () -> {
            spark.fitMultiDataSet(rdd);
            return null;
        });
        stepsDone += averagingFrequency;
        if (!rdd.getStorageLevel().equals(StorageLevel.NONE())) {
            rdd.unpersist(false);
        }
        // The score is the workers' mean of (summed loss + regularisation penalty) / minibatch size on their last
        // minibatch (DL4J's output layers divide the penalty by the minibatch too), so a penalty comes out divided
        // by batchPerWorker. DecoupledWeightDecay has none; DL4J's WeightDecay (older checkpoints' graphs) does.
        ComputationGraph graph = spark.getNetwork();
        return spark.getScore() - graph.calcRegularizationScore(true) / batchPerWorker;
    }

    /**
     * One partition of {@code averagingFrequency} minibatches per worker, in order. After the first round each
     * partition prefers the executor that trained it last ({@link NetworkReusingTrainingMaster#lastPlacement}), so
     * a worker's kept network and moments keep following the same slice of every round's data. DL4J trains
     * partitions of the right size as they are, so the preference reaches the training tasks.
     */
    <T> JavaRDD<T> distribute(List<T> minibatches) {
        List<String> placement = spark.getTrainingMaster() instanceof NetworkReusingTrainingMaster master
                ? master.lastPlacement(workers) : null;
        if (placement == null) {
            return sc.parallelize(minibatches, workers);
        }
        List<Tuple2<List<T>, Seq<String>>> slices = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            List<T> slice = new ArrayList<>(minibatches.subList(w * averagingFrequency, (w + 1) * averagingFrequency));
            slices.add(new Tuple2<>(slice, JavaConverters.asScalaBuffer(List.of(placement.get(w))).toSeq()));
        }
        ClassTag<List<T>> tag = ClassTag$.MODULE$.apply(List.class);
        RDD<List<T>> placed = sc.sc().makeRDD(JavaConverters.asScalaBuffer(slices).toSeq(), tag);
        return JavaRDD.fromRDD(placed, tag).flatMap(List::iterator);
    }

    @Override
    public List<String> notices() {
        return spark.getTrainingMaster() instanceof NetworkReusingTrainingMaster master ? master.lastRoundNotices()
                : List.of();
    }

    @Override
    public ComputationGraph graph() {
        return spark.getNetwork();
    }
}
