package kotoba.trainer.spark;

import java.util.Collection;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.core.storage.StatsStorageRouterProvider;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * DL4J's parameter-averaging worker with three changes. It gives the network the driver's iteration and epoch counts:
 * DL4J's worker builds it from a clone of the configuration, and the clone drops both, so every round restarted
 * the learning-rate schedule (warmup, cosine decay) at step 0 on the workers. And it can train each round in a network
 * kept from an earlier round on the same executor ({@link WorkerNetworks}): the averaged parameters and updater state
 * are copied in, and the round's result is copied out before the network is handed back. And when the optimizer state
 * stays on the workers ({@code SparkOptions.OptimizerState.LOCAL}), the broadcast carries no Adam state: a kept network
 * keeps its own moments, a new one starts from {@code startingState}, and the result includes the moments only when
 * {@code returnsState}. The result carries no listener statistics (DL4J's stats storage), which kotoba does not use.
 * Each task also reports which executor trained its partition, so the next round can send the partition back there,
 * and whose moments its network carried ({@link WorkerPlacement}).
 */
final class NetworkReusingWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 1L;
    private final Broadcast<NetBroadcastTuple> broadcast;
    private final boolean returnsState;
    private final Broadcast<ArrayBroadcast> startingState;
    private final boolean keepNetworks;
    private final String run;
    private final CollectionAccumulator<WorkerPlacement> placements;
    /** Set by {@link #getInitialModelGraph()}; Spark deserializes a worker for each task, so they are this task's. */
    private transient int momentsOf;
    private transient long momentsStepsAhead;

    /**
     * @param returnsState  whether this round's result carries the worker's Adam state for averaging
     * @param startingState the driver's Adam state for a network built while the broadcast carries none, or null
     * @param run           the training master's id: a kept network from another run starts from startingState too
     * @param placements    where each task reports the executor its partition trained on
     */
    NetworkReusingWorker(Broadcast<NetBroadcastTuple> broadcast, boolean returnsState,
                         Broadcast<ArrayBroadcast> startingState, WorkerConfiguration configuration,
                         Collection<TrainingHook> hooks, Collection<TrainingListener> listeners,
                         StatsStorageRouterProvider routerProvider, boolean keepNetworks, String run,
                         CollectionAccumulator<WorkerPlacement> placements) {
        super(broadcast, returnsState, configuration, hooks, listeners, routerProvider);
        this.broadcast = broadcast;
        this.returnsState = returnsState;
        this.startingState = startingState;
        this.keepNetworks = keepNetworks;
        this.run = run;
        this.placements = placements;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        useTaskCores();
        NetBroadcastTuple tuple = broadcast.getValue();
        // Moments that stay on the workers belong to their partition; otherwise any idle network will do.
        boolean momentsStay = tuple.getUpdaterState() == null && startingState != null;
        WorkerNetworks.Kept kept = keepNetworks
                ? WorkerNetworks.take(tuple.getGraphConfiguration(), partition(), momentsStay ? run : null) : null;
        ComputationGraph net = kept == null ? null : kept.net();
        momentsOf = kept == null || !run.equals(kept.run()) ? WorkerPlacement.DRIVER : kept.partition();
        // A kept network of this run past the round's start trained in an earlier attempt of this task, whose result
        // the driver never got.
        momentsStepsAhead = momentsOf == WorkerPlacement.DRIVER ? 0 : Math.max(0,
                net.getConfiguration().getIterationCount() - tuple.getGraphConfiguration().getIterationCount());
        if (net == null) {
            // The first round on this executor, a new configuration, or keeping is off: DL4J builds the network.
            net = super.getInitialModelGraph();
            if (momentsStay) {
                net.setUpdater(new ComputationGraphUpdater(net, startingState.getValue().array().dup()));
            }
        } else {
            net.params().assign(tuple.getParameters());
            INDArray state = tuple.getUpdaterState();
            if (state != null) {
                ComputationGraphUpdater updater = net.getUpdater();
                if (updater.getStateViewArray() != null) {
                    updater.getStateViewArray().assign(state);
                } else {
                    net.setUpdater(new ComputationGraphUpdater(net, state.dup()));
                }
            } else if (startingState != null && !run.equals(kept.run())) {
                // Moments kept from an earlier run of the same shape (a sweep, a resumed run) are not this run's.
                net.getUpdater().getStateViewArray().assign(startingState.getValue().array());
            }
        }
        // The learning-rate schedule reads these; the driver advances them after every round.
        net.getConfiguration().setIterationCount(tuple.getGraphConfiguration().getIterationCount());
        net.getConfiguration().setEpochCount(tuple.getGraphConfiguration().getEpochCount());
        Nd4j.getExecutioner().commit();
        return net;
    }

    /** The round's data partition this task trains (-1 outside a Spark task). */
    private static int partition() {
        TaskContext task = TaskContext.get();
        return task == null ? -1 : task.partitionId();
    }

    /**
     * This executor as a Spark task location: {@code executor_<host>_<id>}, which {@code SparkContext.makeRDD}
     * accepts as a partition's preferred location and the scheduler then serves at process-local level.
     */
    private static String executorLocation() {
        BlockManagerId id = SparkEnv.get().blockManager().blockManagerId();
        return "executor_" + id.host() + "_" + id.executorId();
    }

    /**
     * Sizes ND4J's and BLAS's thread pools to this task's cores ({@code spark.task.cpus}): otherwise each of an
     * executor's concurrent tasks starts one thread per core of the machine and they fight over the cores.
     */
    static void useTaskCores() {
        TaskContext task = TaskContext.get();
        int cores = task == null ? 1 : Math.max(1, task.cpus());
        Nd4j.getEnvironment().setMaxMasterThreads(cores);
        Nd4j.getEnvironment().setMaxThreads(cores);
        Nd4j.factory().blas().setMaxThreads(cores);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(cores);
    }

    @Override
    public ParameterAveragingTrainingResult getFinalResult(ComputationGraph network) {
        INDArray updaterState = null;
        if (returnsState && network.getUpdater() != null && network.getUpdater().getStateViewArray() != null) {
            updaterState = network.getUpdater().getStateViewArray().dup();
        }
        ParameterAveragingTrainingResult result = new ParameterAveragingTrainingResult(network.params().dup(),
                updaterState, network.score(), null, null, null);
        Nd4j.getExecutioner().commit();
        if (keepNetworks) {
            WorkerNetworks.release(network, run, partition());
        }
        placements.add(new WorkerPlacement(partition(), executorLocation(), momentsOf, momentsStepsAhead));
        return result;
    }
}
