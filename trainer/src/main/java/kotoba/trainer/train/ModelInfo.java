package kotoba.trainer.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the metrics need to know about the model being trained, computed by the model's own accounting.
 *
 * @param params             all trainable parameters (N with embeddings)
 * @param paramsNonEmbedding parameters excluding token/position embeddings (Kaplan et al.'s N)
 * @param flopsPerToken      training FLOPs per token (forward + backward), so C = flopsPerToken * tokens_seen
 * @param contextLength      tokens per sequence the graph accepts (T)
 * @param shape              model shape columns for the metrics rows (e.g. n_layer, d_model), in column order
 */
public record ModelInfo(long params, long paramsNonEmbedding, double flopsPerToken, int contextLength,
                        Map<String, Object> shape) {
    public ModelInfo {
        shape = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shape));
    }
}
