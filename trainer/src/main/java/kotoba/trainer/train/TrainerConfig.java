package kotoba.trainer.train;

import kotoba.pipeline.stage.NotKeyed;

/**
 * What a training run does, independent of the model's shape.
 *
 * @param learningRate      peak learning rate, reached at the end of warmup
 * @param warmupSteps       steps of linear warmup from lr/warmupSteps up to {@code learningRate}
 * @param minLearningRate   floor the cosine decay ends at (at {@code maxSteps}) and stays at afterwards
 * @param maxSteps          optimizer steps to train for; the cosine decay spans warmup end to this step
 * @param batchTokens       tokens per optimizer step; divided by the context length gives sequences per step
 * @param weightDecay       decoupled (AdamW) weight decay coefficient, applied to weight matrices only, scaled by lr
 * @param beta1             Adam first-moment decay
 * @param beta2             Adam second-moment decay
 * @param epsilon           Adam denominator epsilon
 * @param gradClip          per-layer L2 norm cap of the gradient; 0 disables clipping
 * @param evalEvery         run validation every this many steps (and at the last step); 0 disables
 * @param evalBatches       validation batches per evaluation (the validation set is this many batches, fixed)
 * @param checkpointEvery   write a checkpoint every this many steps (and at the last step); 0 only at the end
 * @param seed              seed of the data order and of per-step randomness (dropout)
 * @param shuffleBufferDocs documents held by the reader's shuffle buffer
 * @param logEvery          print a console progress line every this many steps (console only: not in the stage key)
 */
public record TrainerConfig(double learningRate, int warmupSteps, double minLearningRate, int maxSteps,
                            int batchTokens, double weightDecay, double beta1, double beta2, double epsilon,
                            double gradClip, int evalEvery, int evalBatches, int checkpointEvery, long seed,
                            int shuffleBufferDocs, @NotKeyed int logEvery) {

    public TrainerConfig {
        require(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        require(minLearningRate >= 0 && minLearningRate <= learningRate,
                "minLearningRate must be in [0, learningRate], got " + minLearningRate);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
        require(maxSteps > 0, "maxSteps must be > 0, got " + maxSteps);
        require(batchTokens > 0, "batchTokens must be > 0, got " + batchTokens);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(epsilon > 0, "epsilon must be > 0, got " + epsilon);
        require(gradClip >= 0, "gradClip must be >= 0, got " + gradClip);
        require(evalEvery >= 0 && evalBatches >= 0, "evalEvery and evalBatches must be >= 0");
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0, got " + checkpointEvery);
        require(shuffleBufferDocs >= 0, "shuffleBufferDocs must be >= 0, got " + shuffleBufferDocs);
        require(logEvery > 0, "logEvery must be > 0, got " + logEvery);
    }

    /** nanoGPT-like defaults for a small model: lr 6e-4 to 6e-5, AdamW (0.9, 0.95), wd 0.1, clip 1.0. */
    public static TrainerConfig defaults(int maxSteps, int batchTokens) {
        return new TrainerConfig(6e-4, Math.max(1, maxSteps / 20), 6e-5, maxSteps, batchTokens, 0.1, 0.9, 0.95,
                1e-8, 1.0, Math.max(1, maxSteps / 10), 8, Math.max(1, maxSteps / 4), 1337L, 4096, 10);
    }

    /** Sequences per optimizer step for a model of the given context length; at least one whole sequence. */
    public int sequencesPerStep(int contextLength) {
        int n = batchTokens / contextLength;
        if (n < 1) {
            throw new IllegalArgumentException("batchTokens " + batchTokens + " is smaller than one sequence of "
                    + contextLength + " tokens");
        }
        return n;
    }

    /** A copy with another step budget (keeps the schedule's other numbers). */
    public TrainerConfig withMaxSteps(int steps) {
        return new TrainerConfig(learningRate, warmupSteps, minLearningRate, steps, batchTokens, weightDecay, beta1,
                beta2, epsilon, gradClip, evalEvery, evalBatches, checkpointEvery, seed, shuffleBufferDocs, logEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
