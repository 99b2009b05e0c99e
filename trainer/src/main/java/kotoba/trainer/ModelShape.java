package kotoba.trainer;

import kotoba.trainer.model.GptConfig;

/**
 * The model half of the `trainer` config section; the vocabulary size comes from the tokenize stage's manifest.
 *
 * @param nLayer Transformer blocks
 * @param dModel residual stream width
 * @param nHead attention heads; must divide d_model
 * @param dFf MLP hidden width; 0 means 4 * d_model
 * @param contextLength tokens per training sequence
 * @param dropout dropout on embeddings and residual branches (0 for small-data pretraining)
 * @param tieEmbeddings share the output head with the token embedding (not supported by the DL4J model yet)
 * @param seed parameter initialisation seed
 */
public record ModelShape(int nLayer, int dModel, int nHead, int dFf, int contextLength, double dropout,
    boolean tieEmbeddings, long seed) {

  public GptConfig toGpt(int vocabSize) {
    return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, dFf == 0 ? 4 * dModel : dFf, dropout,
        tieEmbeddings, seed);
  }
}
