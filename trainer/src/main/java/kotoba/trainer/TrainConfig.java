package kotoba.trainer;

import kotoba.pipeline.stage.NotKeyed;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TrainerConfig;

/**
 * The `trainer` config section: one training run.
 *
 * @param input the tokenize stage's output directory (its manifest gives vocab size and the </s> id)
 * @param output directory of runs; this run lives in {output}/{run_id}/
 * @param runId the run's name: its directory, and the run_id column of its metrics
 * @param mode local (one JVM) | spark (data-parallel parameter averaging on the executors)
 * @param resume continue an interrupted run from its newest checkpoint (false: start over); how to start the run, not
 *     which run it is, so not part of its stage key
 * @param objective what the model learns to predict (see {@link Objective})
 * @param model the GPT's shape
 * @param optim optimizer, schedule, batch, evaluation and checkpoint cadence
 * @param spark how spark mode splits each step over workers
 */
public record TrainConfig(String input, String output, String runId, Mode mode, @NotKeyed boolean resume,
    Objective objective, ModelShape model, TrainerConfig optim, SparkOptions spark) {

  /** Where training runs. */
  public enum Mode { LOCAL, SPARK }

  /**
   * The training objective: a config choice, so that other objectives (BERT's masked LM, skip-gram) are another
   * value here and a branch where the stage builds its model and batches, and every run's key already names its own.
   */
  public enum Objective {
    /** GPT-style next-token prediction with a causal mask (the only objective so far). */
    CAUSAL_LM
  }

  public TrainConfig {
    if (objective == null) {
      throw new IllegalArgumentException("objective must be causal_lm");
    }
    if (runId == null || runId.isBlank() || runId.contains("/")) {
      throw new IllegalArgumentException("run_id must be a non-empty name without '/', got '" + runId + "'");
    }
  }
}
