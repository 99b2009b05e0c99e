package kotoba.trainer.spark;

import java.util.Collection;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
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
 * DL4J's parameter-averaging worker with two changes. It gives the network the driver's iteration and epoch counts:
 * DL4J's worker builds it from a clone of the configuration, and the clone drops both, so every round restarted
 * the learning-rate schedule (warmup, cosine decay) at step 0 on the workers. And it can train each round in a network
 * kept from an earlier round on the same executor ({@link WorkerNetworks}): the averaged parameters and updater state
 * are copied in, and the round's result is copied out before the network is handed back. The result carries no
 * listener statistics (DL4J's stats storage), which kotoba does not use.
 */
final class NetworkReusingWorker extends ParameterAveragingTrainingWorker {
    private static final long serialVersionUID = 1L;
    private final Broadcast<NetBroadcastTuple> broadcast;
    private final boolean saveUpdater;
    private final boolean keepNetworks;

    NetworkReusingWorker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
                         Collection<TrainingHook> hooks, Collection<TrainingListener> listeners,
                         StatsStorageRouterProvider routerProvider, boolean keepNetworks) {
        super(broadcast, saveUpdater, configuration, hooks, listeners, routerProvider);
        this.broadcast = broadcast;
        this.saveUpdater = saveUpdater;
        this.keepNetworks = keepNetworks;
    }

    @Override
    public ComputationGraph getInitialModelGraph() {
        useTaskCores();
        NetBroadcastTuple tuple = broadcast.getValue();
        ComputationGraph net = keepNetworks ? WorkerNetworks.take(tuple.getGraphConfiguration()) : null;
        if (net == null) {
            // The first round on this executor, a new configuration, or keeping is off: DL4J builds the network.
            net = super.getInitialModelGraph();
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
            }
        }
        // The learning-rate schedule reads these; the driver advances them after every round.
        net.getConfiguration().setIterationCount(tuple.getGraphConfiguration().getIterationCount());
        net.getConfiguration().setEpochCount(tuple.getGraphConfiguration().getEpochCount());
        Nd4j.getExecutioner().commit();
        return net;
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
        if (saveUpdater && network.getUpdater() != null && network.getUpdater().getStateViewArray() != null) {
            updaterState = network.getUpdater().getStateViewArray().dup();
        }
        ParameterAveragingTrainingResult result = new ParameterAveragingTrainingResult(network.params().dup(),
                updaterState, network.score(), null, null, null);
        Nd4j.getExecutioner().commit();
        if (keepNetworks) {
            WorkerNetworks.release(network);
        }
        return result;
    }
}
