package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** GPT-2 style parameter initialisation, shared by the model's SameDiff layers. */
final class ParamInit {

    /** Standard deviation of every weight matrix and embedding, as in GPT-2 / nanoGPT. */
    static final double STD = 0.02;

    private ParamInit() {
    }

    /** Fills {@code param} in place from N(0, std^2), drawing from ND4J's global (seeded) generator. */
    static void normal(INDArray param, double std) {
        Nd4j.randn(param);
        param.muli(std);
    }

    /**
     * The std of projections that write into the residual stream: GPT-2 scales them by 1/sqrt(2 * nLayer)
     * so that the variance of the stream does not grow with depth (two such writes per block).
     */
    static double residualStd(int nLayer) {
        return STD / Math.sqrt(2.0 * nLayer);
    }
}
