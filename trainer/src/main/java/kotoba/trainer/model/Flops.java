package kotoba.trainer.model;

/**
 * Training compute per token, after Kaplan et al. 2020, Table 1.
 *
 * <p>A forward pass costs about 2N + 2 * nLayer * nCtx * dAttn FLOPs per token (N = non-embedding parameters,
 * dAttn = dModel here): 2 per weight for the multiply-add, plus the attention scores and their weighted sum.
 * Backward costs twice the forward, so training costs
 *
 * <pre>  C = 6 N + 6 nLayer nCtx dModel   FLOPs per token</pre>
 *
 * With {@code includeHead} the de-embedding (output head) is added, 2 dModel V forward, so 6 dModel V for
 * training; Kaplan leave it out of C. It is computed whether or not the head's matrix is tied. Embedding lookups
 * (4 dModel forward) are ignored, as in the paper.
 */
public final class Flops {

    private Flops() {
    }

    /** C per token from Kaplan's formula, with N taken as {@link ParamCount#nonEmbedding()}. */
    public static long trainingPerToken(GptConfig config, ParamCount params, boolean includeHead) {
        return trainingPerToken(params.nonEmbedding(), config.nLayer(), config.contextLength(), config.dModel(),
                config.vocabSize(), includeHead);
    }

    /** C = 6 N + 6 nLayer nCtx dModel (+ 6 dModel V if includeHead) FLOPs per training token. */
    public static long trainingPerToken(long nonEmbeddingParams, int nLayer, int contextLength, int dModel,
                                        int vocabSize, boolean includeHead) {
        if (nonEmbeddingParams < 0 || nLayer <= 0 || contextLength <= 0 || dModel <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("FLOP count needs N >= 0 and positive sizes, got N="
                    + nonEmbeddingParams + ", nLayer=" + nLayer + ", nCtx=" + contextLength + ", dModel=" + dModel
                    + ", vocab=" + vocabSize);
        }
        long c = 6L * nonEmbeddingParams + 6L * nLayer * contextLength * dModel;
        if (includeHead) {
            c += 6L * dModel * vocabSize;
        }
        return c;
    }
}
