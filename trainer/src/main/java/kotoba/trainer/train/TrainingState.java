package kotoba.trainer.train;

import kotoba.trainer.data.Cursor;

import java.io.Serializable;

/**
 * Everything besides the network that a resumed run needs: optimizer steps done, where the data reader stands,
 * tokens seen, accumulated wall time, and the seed.
 *
 * <p>There is no other RNG state to save: the data order is a function of (seed, cursor), and the ND4J RNG is
 * re-seeded from (seed, step) before every step, so step k draws the same randomness whether or not the run
 * was interrupted before it.
 */
public record TrainingState(String runId, long step, Cursor cursor, long tokensSeen, double wallSeconds, long seed)
        implements Serializable {

    /** A run that has not started. */
    public static TrainingState fresh(String runId, long seed) {
        return new TrainingState(runId, 0, Cursor.START, 0, 0, seed);
    }
}
