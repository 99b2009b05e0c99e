package kotoba.trainer.spark;

import java.io.Serializable;

/**
 * What a training task tells the driver about its round: the partition it trained, the executor it ran on (a Spark
 * task location, {@code executor_<host>_<id>}) and whose Adam moments its network brought into the round.
 *
 * @param momentsOf  the partition whose network (and moments) this one continued, or {@link #DRIVER}
 * @param stepsAhead steps those moments had already taken past the round's start: an earlier attempt of this task
 *                   trained the network, and the driver never got its result
 */
record WorkerPlacement(int partition, String executor, int momentsOf, long stepsAhead) implements Serializable {
    /** {@code momentsOf} of a network built in this round, or kept from another run: it starts from the driver's. */
    static final int DRIVER = -1;

    /** Whether the network went on from the moments this partition's own worker left in the last round. */
    boolean continuedOwnMoments() {
        return momentsOf == partition && stepsAhead == 0;
    }
}
