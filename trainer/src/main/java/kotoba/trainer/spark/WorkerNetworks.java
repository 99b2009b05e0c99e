package kotoba.trainer.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The networks an executor JVM keeps between parameter-averaging rounds, one per concurrently running task, so a round
 * copies the averaged parameters into a network that already exists instead of building one from JSON (DL4J's
 * worker does that every round, with all its layer buffers). Only the networks of the newest configuration are kept,
 * so a sweep that trains many shapes in one JVM does not pile them up. Each remembers the training run it last
 * trained in: state a run keeps on its workers (Adam's moments) must not leak into the next run of the same shape.
 */
final class WorkerNetworks {
    private static final Object LOCK = new Object();
    private static String key;
    private static final Deque<Kept> IDLE = new ArrayDeque<>();

    /** A kept network and the run (a training master's id) it last trained in. */
    record Kept(ComputationGraph net, String run) {
    }

    private WorkerNetworks() {
    }

    /** An idle network built from an equal configuration, or null. */
    static Kept take(ComputationGraphConfiguration conf) {
        String k = keyOf(conf);
        synchronized (LOCK) {
            if (!k.equals(key)) {
                key = k;
                IDLE.clear();
                return null;
            }
            return IDLE.pollFirst();
        }
    }

    /** Hands a network back once its round's result has been copied out. */
    static void release(ComputationGraph net, String run) {
        String k = keyOf(net.getConfiguration());
        synchronized (LOCK) {
            if (k.equals(key)) {
                IDLE.addFirst(new Kept(net, run));
            }
        }
    }

    /** The configuration without its training progress, which changes every round. */
    private static String keyOf(ComputationGraphConfiguration conf) {
        ComputationGraphConfiguration c = conf.clone();
        c.setIterationCount(0);
        c.setEpochCount(0);
        return c.toJson();
    }
}
