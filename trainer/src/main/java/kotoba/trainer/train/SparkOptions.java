package kotoba.trainer.train;

import kotoba.pipeline.stage.NotKeyed;

import java.time.Duration;

/**
 * How Spark data-parallel training (parameter averaging) splits the work.
 *
 * <p>One optimizer step is {@code workers} minibatches of {@code batchPerWorker} sequences trained in parallel;
 * so that local and Spark runs of one {@link TrainerConfig} see the same tokens per step,
 * {@code workers * batchPerWorker} must equal the config's sequences per step.
 *
 * @param workers            parallel training tasks (executors x cores per executor)
 * @param batchPerWorker     sequences in each worker's minibatch; 0 derives it as sequences per step / workers
 * @param averagingFrequency minibatches each worker fits between two parameter averagings (1 = synchronous SGD
 *                           on the combined batch; higher trades exactness for less network and rebuild cost)
 * @param prefetchBatches    minibatches a worker prepares asynchronously ahead of training (0 = none)
 * @param storageLevel       Spark storage level name for the per-round training RDD (e.g. {@code NONE},
 *                           {@code MEMORY_ONLY_SER}). A round reads its RDD once, from data its tasks carry, so
 *                           {@code NONE} is enough; Spark does not see ND4J's off-heap bytes, so if a level is
 *                           wanted, serialised levels are safer. Where the data waits, not what is trained: not part
 *                           of the stage key
 * @param optimizerState     where Adam's moments live between averaging rounds (see {@link OptimizerState})
 * @param roundTimeout       longest an averaging round may take before Spark cancels it and the run stops with an
 *                           error to resume from (zero: wait forever). A driver whose result fetch died, or a task
 *                           stuck on a dead executor, otherwise leaves the driver waiting with nothing in its log.
 *                           How long to wait, not what is trained, so not part of the stage key
 */
public record SparkOptions(int workers, int batchPerWorker, int averagingFrequency, int prefetchBatches,
                           @NotKeyed String storageLevel, OptimizerState optimizerState,
                           @NotKeyed Duration roundTimeout) {

    /** Generous against any round seen here (seconds to a few minutes), short against a night of waiting. */
    public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofMinutes(30);

    /**
     * What an averaging round does with the optimizer's state (Adam's two moments, twice the parameters' size).
     * With one worker both are exactly single-JVM training.
     */
    public enum OptimizerState {
        /**
         * DL4J's parameter averaging: every round ships each worker's moments to the driver with its parameters,
         * averages both and sends both back. A round moves three times the parameters' bytes each way.
         */
        AVERAGED,
        /**
         * Each worker keeps its own moments across rounds and only the parameters are averaged, as in local SGD with
         * local optimizer state (PyTorch's post-local SGD, DiLoCo's inner optimizer). A round moves a third of the
         * bytes. The moments are averaged onto the driver only on rounds that end at a checkpoint, so checkpoints
         * still hold an optimizer state to resume from; a worker that has to build its network (its first round,
         * a new executor) starts from the driver's last averaged moments.
         */
        LOCAL
    }

    /** Options whose optimizer state is {@link OptimizerState#AVERAGED}, DL4J's behaviour. */
    public SparkOptions(int workers, int batchPerWorker, int averagingFrequency, int prefetchBatches,
                        String storageLevel) {
        this(workers, batchPerWorker, averagingFrequency, prefetchBatches, storageLevel, OptimizerState.AVERAGED);
    }

    /** Options with the default round timeout. */
    public SparkOptions(int workers, int batchPerWorker, int averagingFrequency, int prefetchBatches,
                        String storageLevel, OptimizerState optimizerState) {
        this(workers, batchPerWorker, averagingFrequency, prefetchBatches, storageLevel, optimizerState,
                DEFAULT_ROUND_TIMEOUT);
    }

    public SparkOptions {
        if (workers < 1 || batchPerWorker < 0 || averagingFrequency < 1 || prefetchBatches < 0) {
            throw new IllegalArgumentException("spark options need workers >= 1, batchPerWorker >= 0, "
                    + "averagingFrequency >= 1, prefetchBatches >= 0; got " + workers + ", " + batchPerWorker + ", "
                    + averagingFrequency + ", " + prefetchBatches);
        }
        if (storageLevel == null || storageLevel.isBlank()) {
            throw new IllegalArgumentException("storageLevel must name a Spark storage level (or NONE)");
        }
        if (optimizerState == null) {
            throw new IllegalArgumentException("optimizer_state must be averaged or local");
        }
        if (roundTimeout == null || roundTimeout.isNegative()) {
            throw new IllegalArgumentException("round_timeout must be a duration >= 0 (0 = no timeout), got "
                    + roundTimeout);
        }
    }

    /** A copy with another round timeout. */
    public SparkOptions withRoundTimeout(Duration timeout) {
        return new SparkOptions(workers, batchPerWorker, averagingFrequency, prefetchBatches, storageLevel,
                optimizerState, timeout);
    }

    /** Sequences per worker minibatch for a step of {@code sequencesPerStep} sequences. */
    public int batchPerWorker(int sequencesPerStep) {
        int b = batchPerWorker > 0 ? batchPerWorker : sequencesPerStep / workers;
        if (b < 1 || b * workers != sequencesPerStep) {
            throw new IllegalArgumentException("a step of " + sequencesPerStep + " sequences cannot be split into "
                    + workers + " workers x " + (batchPerWorker > 0 ? batchPerWorker + " sequences" : "equal batches")
                    + "; choose batchTokens / context divisible by workers");
        }
        return b;
    }
}
