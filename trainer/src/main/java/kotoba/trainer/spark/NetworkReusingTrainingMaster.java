package kotoba.trainer.spark;

import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;

/**
 * DL4J's parameter-averaging training master (same splitting, averaging of parameters and Adam state) with kotoba's
 * {@link NetworkReusingWorker}: workers follow the driver's learning-rate schedule and, when {@code keepNetworks} is
 * on, keep their networks between averaging rounds.
 */
public final class NetworkReusingTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    private final boolean keepNetworks;

    NetworkReusingTrainingMaster(Builder builder, boolean keepNetworks) {
        super(builder);
        this.keepNetworks = keepNetworks;
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        NetBroadcastTuple tuple = new NetBroadcastTuple(graph.getNetwork().getConfiguration(),
                graph.getNetwork().params(), graph.getNetwork().getUpdater().getStateViewArray());
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext().broadcast(tuple);
        WorkerConfiguration configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new NetworkReusingWorker(broadcast, saveUpdater, configuration, trainingHookList, listeners,
                getRouterProvider(), keepNetworks);
    }
}
