package kotoba.trainer.train;

import java.util.Map;

/**
 * One logged training step, the row of the metrics table (see DESIGN.md). Validation columns are NaN on steps
 * without an evaluation.
 */
public record MetricsRow(String runId, long step, long tokensSeen, double flops, long params,
                         long paramsNonEmbedding, double trainLoss, double valLoss, double valPerplexity,
                         double valBitsPerByte, double lr, double tokensPerS, double wallS,
                         Map<String, Object> shape) {
}
