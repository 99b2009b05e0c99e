package kotoba.trainer.train;

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
 * @param storageLevel       Spark storage level name for the per-round training RDD (e.g. {@code MEMORY_ONLY_SER},
 *                           {@code NONE}); Spark does not see ND4J's off-heap bytes, so serialised levels are safer
 */
public record SparkOptions(int workers, int batchPerWorker, int averagingFrequency, int prefetchBatches,
                           String storageLevel) {

    public SparkOptions {
        if (workers < 1 || batchPerWorker < 0 || averagingFrequency < 1 || prefetchBatches < 0) {
            throw new IllegalArgumentException("spark options need workers >= 1, batchPerWorker >= 0, "
                    + "averagingFrequency >= 1, prefetchBatches >= 0; got " + workers + ", " + batchPerWorker + ", "
                    + averagingFrequency + ", " + prefetchBatches);
        }
        if (storageLevel == null || storageLevel.isBlank()) {
            throw new IllegalArgumentException("storageLevel must name a Spark storage level (or NONE)");
        }
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
