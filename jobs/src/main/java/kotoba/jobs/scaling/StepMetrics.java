package kotoba.jobs.scaling;

/**
 * One row of a sweep's metrics table, reduced to what the scaling fits need. Losses are NaN where the row has no
 * value (validation runs only every few steps); {@code nonFinite} marks a row where a loss was written as NaN or
 * infinity, which means the run diverged rather than that nothing was measured.
 *
 * @param runId the run the row belongs to
 * @param step optimiser step
 * @param tokensSeen training tokens consumed so far (D)
 * @param flops training compute so far (C)
 * @param params all parameters, embeddings included
 * @param paramsNonEmbedding parameters without token and position embeddings (N as in Kaplan et al. 2020)
 * @param trainLoss training loss in nats per token
 * @param valLoss validation loss in nats per token
 * @param valBitsPerByte validation loss in bits per UTF-8 byte
 * @param nonFinite whether any loss on the row was NaN or infinite
 */
public record StepMetrics(String runId, long step, double tokensSeen, double flops, double params,
    double paramsNonEmbedding, double trainLoss, double valLoss, double valBitsPerByte, boolean nonFinite) {

  /** The validation loss in the given unit; NaN when the row was not evaluated. */
  public double loss(LossUnit unit) {
    return unit == LossUnit.NATS ? valLoss : valBitsPerByte;
  }

  /** The model size under the given way of counting. */
  public double params(ParamMeasure measure) {
    return measure == ParamMeasure.TOTAL ? params : paramsNonEmbedding;
  }
}
