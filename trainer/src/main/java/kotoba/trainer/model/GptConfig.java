package kotoba.trainer.model;

/**
 * Shape and regularisation of a GPT model: the numbers nanoGPT's {@code GPTConfig} holds, validated.
 *
 * @param vocabSize      number of token ids; inputs and labels must lie in {@code [0, vocabSize)}
 * @param contextLength  tokens per sequence (T); the built graph accepts exactly this many
 * @param nLayer         number of Transformer blocks
 * @param dModel         width of the residual stream (C)
 * @param nHead          attention heads; must divide {@code dModel}
 * @param dFf            hidden width of the MLP (4 * dModel in GPT-2)
 * @param dropout        drop probability in [0, 1) for the embedding sum and both residual branches
 * @param tieEmbeddings  share the token embedding with the output head (see {@link GptModel} for why the
 *                       DL4J graph rejects this)
 * @param seed           seed of the parameter initialisation
 */
public record GptConfig(int vocabSize, int contextLength, int nLayer, int dModel, int nHead, int dFf,
                        double dropout, boolean tieEmbeddings, long seed) {

    public GptConfig {
        requirePositive("vocabSize", vocabSize);
        requirePositive("contextLength", contextLength);
        requirePositive("nLayer", nLayer);
        requirePositive("dModel", dModel);
        requirePositive("nHead", nHead);
        requirePositive("dFf", dFf);
        if (vocabSize < 2) {
            throw new IllegalArgumentException("vocabSize must be at least 2, got " + vocabSize);
        }
        if (dModel % nHead != 0) {
            throw new IllegalArgumentException("nHead (" + nHead + ") must divide dModel (" + dModel + ")");
        }
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        // Token ids travel as floats (DL4J feeds float features); beyond 2^24 they stop being exact.
        if (vocabSize > (1 << 24)) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " exceeds 2^24, the largest id a float holds exactly");
        }
    }

    /** A GPT-2-shaped config: dFf = 4 * dModel, no dropout, untied head, seed 42. */
    public static GptConfig of(int vocabSize, int contextLength, int nLayer, int dModel, int nHead) {
        return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, 4 * dModel, 0.0, false, 42L);
    }

    public GptConfig withDff(int newDff) {
        return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, newDff, dropout, tieEmbeddings, seed);
    }

    public GptConfig withDropout(double newDropout) {
        return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, dFf, newDropout, tieEmbeddings, seed);
    }

    public GptConfig withTieEmbeddings(boolean tie) {
        return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, dFf, dropout, tie, seed);
    }

    public GptConfig withSeed(long newSeed) {
        return new GptConfig(vocabSize, contextLength, nLayer, dModel, nHead, dFf, dropout, tieEmbeddings, newSeed);
    }

    /** Width of one attention head (hs). */
    public int headSize() {
        return dModel / nHead;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
