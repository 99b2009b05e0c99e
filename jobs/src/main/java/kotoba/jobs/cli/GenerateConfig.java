package kotoba.jobs.cli;

/**
 * The `generate` config section: how to sample text from a trained model.
 *
 * @param prompt text the sample continues
 * @param maxNewTokens tokens to generate
 * @param temperature softmax temperature; 0 means greedy (always the most likely token)
 * @param topK sample only among the k most likely tokens; 0 means all
 * @param seed sampling seed
 */
public record GenerateConfig(String prompt, int maxNewTokens, double temperature, int topK, long seed) {
  public GenerateConfig {
    if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
    if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
  }
}
