package kotoba.trainer.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The networks an executor JVM keeps between parameter-averaging rounds, one per concurrently running task, so a round
 * copies the averaged parameters into a network that already exists instead of building one from JSON (DL4J's
 * worker does that every round, with all its layer buffers). Only the networks of the newest configuration are kept,
 * so a sweep that trains many shapes in one JVM does not pile them up. Each remembers the training run and the
 * partition it last trained: state a run keeps on its workers (Adam's moments) must not leak into the next run of
 * the same shape, and goes back to the same partition (the same slice of every round's data), so a worker's moments
 * keep following one stream of data. An executor keeps at most one network per partition it has trained.
 */
final class WorkerNetworks {
    private static final Object LOCK = new Object();
    private static String key;
    private static final Deque<Kept> IDLE = new ArrayDeque<>();

    /** A kept network, the run (a training master's id) it last trained in and the partition it trained. */
    record Kept(ComputationGraph net, String run, int partition) {
    }

    private WorkerNetworks() {
    }

    /** An idle network built from an equal configuration, the one that last trained {@code partition} if idle. */
    static Kept take(ComputationGraphConfiguration conf, int partition) {
        return take(conf, partition, null);
    }

    /**
     * As {@link #take(ComputationGraphConfiguration, int)}, but a network that last trained another partition of
     * {@code ownRun} stays for that partition: it holds that worker's Adam moments when they stay on the workers.
     * Taking it gave them to whichever task of the executor asked first, so two partitions on one executor traded
     * moments whenever their tasks did not overlap. Networks of other runs may still be taken.
     */
    static Kept take(ComputationGraphConfiguration conf, int partition, String ownRun) {
        String k = keyOf(conf);
        synchronized (LOCK) {
            if (!k.equals(key)) {
                key = k;
                IDLE.clear();
                return null;
            }
            for (Iterator<Kept> it = IDLE.iterator(); it.hasNext(); ) {
                Kept kept = it.next();
                if (kept.partition() == partition) {
                    it.remove();
                    return kept;
                }
            }
            for (Iterator<Kept> it = IDLE.iterator(); it.hasNext(); ) {
                Kept kept = it.next();
                if (!kept.run().equals(ownRun)) {
                    it.remove();
                    return kept;
                }
            }
            return null;
        }
    }

    /** Hands a network back once its round's result has been copied out. */
    static void release(ComputationGraph net, String run, int partition) {
        String k = keyOf(net.getConfiguration());
        synchronized (LOCK) {
            if (k.equals(key)) {
                IDLE.addFirst(new Kept(net, run, partition));
            }
        }
    }

    /** Forgets every kept network: what an executor that replaces a lost one starts with (tests make one so). */
    static void clear() {
        synchronized (LOCK) {
            IDLE.clear();
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
