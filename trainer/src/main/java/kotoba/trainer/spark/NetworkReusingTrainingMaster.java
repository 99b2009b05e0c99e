package kotoba.trainer.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's parameter-averaging training master (same splitting, averaging of parameters and Adam state) with kotoba's
 * {@link NetworkReusingWorker}: workers follow the driver's learning-rate schedule and, when {@code keepNetworks} is
 * on, keep their networks between averaging rounds. Each round's broadcast is destroyed once the round is averaged.
 */
public final class NetworkReusingTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    private final boolean keepNetworks;
    /** This round's parameters and Adam state as broadcast to the workers (driver side only). */
    private transient Broadcast<NetBroadcastTuple> roundBroadcast;

    NetworkReusingTrainingMaster(Builder builder, boolean keepNetworks) {
        super(builder);
        this.keepNetworks = keepNetworks;
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        NetBroadcastTuple tuple = new NetBroadcastTuple(graph.getNetwork().getConfiguration(),
                graph.getNetwork().params(), graph.getNetwork().getUpdater().getStateViewArray());
        roundBroadcast = graph.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new NetworkReusingWorker(roundBroadcast, saveUpdater, configuration, trainingHookList, listeners,
                getRouterProvider(), keepNetworks);
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
        } finally {
            if (roundBroadcast != null) {
                roundBroadcast.destroy();
                roundBroadcast = null;
            }
        }
    }
}
