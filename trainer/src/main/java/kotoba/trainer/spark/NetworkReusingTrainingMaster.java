package kotoba.trainer.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DL4J's parameter-averaging training master (same splitting, averaging of parameters and Adam state) with kotoba's
 * {@link NetworkReusingWorker}: workers follow the driver's learning-rate schedule and, when {@code keepNetworks} is
 * on, keep their networks between averaging rounds. Each round's broadcast is destroyed once the round is averaged.
 *
 * <p>With {@code localOptimizerState} the workers also keep their Adam moments: rounds ship only parameters, except a
 * round asked for with {@link #averageOptimizerStateNextRound()}, whose results bring the moments back to be averaged
 * onto the driver (for a checkpoint).
 */
public final class NetworkReusingTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    private final boolean keepNetworks;
    private final boolean localOptimizerState;
    /** Tells this training run's kept worker networks from those of an earlier run in the same executors. */
    private final String run = java.util.UUID.randomUUID().toString();
    /** This round's parameters (and Adam state unless it stays local) as broadcast to the workers (driver only). */
    private transient Broadcast<NetBroadcastTuple> roundBroadcast;
    /**
     * The driver's Adam state for workers that must build a network while the moments stay local. Spark fetches
     * a broadcast only where it is read, so rounds in which every worker kept its network never move it; it is
     * replaced only when a round has averaged new moments onto the driver.
     */
    private transient Broadcast<ArrayBroadcast> startingState;
    /** The driver's iteration count when {@link #startingState} was taken. */
    private transient long startingStateStep;
    private transient boolean averageStateNextRound;
    private transient boolean roundAveragesState;
    /** Filled by the round's tasks, one each. */
    private transient CollectionAccumulator<WorkerPlacement> placements;
    private transient Map<Integer, String> lastPlacement;
    private transient List<String> roundNotices = List.of();
    private transient List<String> previousNotices = List.of();
    /** Minibatches in the next round's data as its caller counted them, or -1 for DL4J to count them. */
    private transient long nextRoundMinibatches = -1;

    NetworkReusingTrainingMaster(Builder builder, boolean keepNetworks, boolean localOptimizerState) {
        super(builder);
        if (localOptimizerState && !keepNetworks) {
            throw new IllegalArgumentException("local optimizer state needs workers that keep their networks: a "
                    + "rebuilt network would restart from the driver's moments every round");
        }
        this.keepNetworks = keepNetworks;
        this.localOptimizerState = localOptimizerState;
    }

    /** Makes the next round return the workers' Adam moments and average them onto the driver's network. */
    public void averageOptimizerStateNextRound() {
        averageStateNextRound = true;
    }

    /**
     * Tells the master how many minibatches the next round's data holds. DL4J otherwise counts every round's data
     * with a Spark job of its own before training on it: one more job, and one more computation of the data
     * (serialized into the tasks, shipped, deserialized) on every executor, in each round.
     */
    public void expectRound(long minibatches) {
        nextRoundMinibatches = minibatches;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> data) {
        long known = nextRoundMinibatches;
        nextRoundMinibatches = -1;
        return known >= 0 ? known : super.getTotalDataSetObjectCount(data);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        ComputationGraph net = graph.getNetwork();
        INDArray state = net.getUpdater().getStateViewArray();
        roundAveragesState = !localOptimizerState || averageStateNextRound;
        averageStateNextRound = false;
        Broadcast<ArrayBroadcast> fallback = null;
        if (localOptimizerState && state != null) {
            if (startingState == null) {
                startingState = graph.getSparkContext().broadcast(new ArrayBroadcast(state));
                startingStateStep = net.getConfiguration().getIterationCount();
            }
            fallback = startingState;
        }
        NetBroadcastTuple tuple = new NetBroadcastTuple(net.getConfiguration(), net.params(),
                localOptimizerState ? null : state);
        roundBroadcast = graph.getSparkContext().broadcast(tuple);
        if (placements == null) {
            placements = graph.getSparkContext().sc().collectionAccumulator("kotoba worker placements");
        }
        placements.reset();
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new NetworkReusingWorker(roundBroadcast, roundAveragesState, fallback, configuration, trainingHookList,
                listeners, getRouterProvider(), keepNetworks, run, placements);
    }

    /**
     * The Spark task location ({@code executor_<host>_<id>}) each of the last round's {@code partitions} trained on,
     * or null before the first round or when a partition is unaccounted for. A round whose partitions prefer these
     * runs each on the executor holding the network (and, with local state, the moments) that trained it last;
     * otherwise Spark's scheduler, which shuffles its offers, pairs them at random and local moments follow chance.
     */
    public List<String> lastPlacement(int partitions) {
        if (lastPlacement == null) {
            return null;
        }
        List<String> out = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            String where = lastPlacement.get(p);
            if (where == null) {
                return null;
            }
            out.add(where);
        }
        return out;
    }

    /**
     * What the last round did that the user should hear of: with local optimizer state, each partition that trained
     * from moments other than the ones its worker left in the round before (its executor was lost, or busy so that
     * Spark ran the partition elsewhere, or an attempt whose result was lost had advanced them already). A notice
     * repeated from the round before is not repeated.
     */
    public List<String> lastRoundNotices() {
        return roundNotices;
    }

    private String movedMoments(WorkerPlacement p) {
        String on = "partition " + p.partition() + " trained on " + p.executor() + " from ";
        if (p.momentsOf() == p.partition()) {
            return on + "its own Adam moments, which an earlier attempt of this round had already advanced "
                    + p.stepsAhead() + " steps: the driver did not get that attempt's result and Spark ran it again";
        }
        // A network of another partition of this run is never handed out (WorkerNetworks.take): only the driver's.
        return on + "the Adam moments last averaged on the driver (step " + startingStateStep + "), not its own: "
                + "their executor was lost, or busy and Spark ran the partition elsewhere";
    }

    /**
     * Destroys what the rounds left broadcast: the driver's moments for new workers outlive every round that did not
     * average them (all but checkpoint rounds with local state), and each training run makes a new master. Call it
     * once training ends.
     */
    public void releaseBroadcasts() {
        if (roundBroadcast != null) {
            roundBroadcast.destroy();
            roundBroadcast = null;
        }
        if (startingState != null) {
            startingState.destroy();
            startingState = null;
        }
    }

    /**
     * Averages the round's results, then destroys the round's broadcast. DL4J leaves it to Spark's context cleaner,
     * which acts only once some GC happens to collect the dropped reference; until then every round's serialized
     * parameters and Adam state (166 MB at d=384) stayed in the driver's block manager. In the one-step d=384 rounds
     * of bench/RESULTS.md 3j this freed memory sooner but did not measurably shorten a round.
     */
    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        try {
            super.processResults(network, graph, results, splitNum, totalSplits);
            // Spark merges a successful task's accumulator updates before the job that ran it returns its result.
            List<WorkerPlacement> round = new ArrayList<>(placements.value());
            round.sort(Comparator.comparingInt(WorkerPlacement::partition));
            List<String> notices = new ArrayList<>();
            Map<Integer, String> where = new HashMap<>();
            for (WorkerPlacement p : round) {
                where.put(p.partition(), p.executor());
                // The first round builds every network from the driver's moments; that is no news.
                if (localOptimizerState && lastPlacement != null && !p.continuedOwnMoments()) {
                    notices.add(movedMoments(p));
                }
            }
            lastPlacement = where;
            roundNotices = notices.stream().filter(n -> !previousNotices.contains(n)).toList();
            previousNotices = notices;
        } finally {
            if (roundBroadcast != null) {
                roundBroadcast.destroy();
                roundBroadcast = null;
            }
            if (roundAveragesState && startingState != null) {
                startingState.destroy();
                startingState = null;
            }
        }
    }
}
