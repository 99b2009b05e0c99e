package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of the MLP's GELU and bias on the CPU, in one Java pass without an exponential. GELU is ND4J's
 * (the op SameDiff's {@code gelu} runs): g = x s with s = sigmoid(1.702 x), so GELU'(x) = s + 1.702 x s (1 - s)
 * = s + 1.702 g (1 - s), and s = g / x comes back from the kept input and output. ND4J's GELUDerivative recomputes
 * the exponential and then needs a multiply and a column-sum pass; it took 4% of a d=384 step.
 */
final class GeluGradientKernel {

    /** ND4J's constant, 1.702f. */
    private static final float K = 1.702f;
    /** Below this |x|, g / x loses digits (and is 0 / 0 at 0): use sigmoid(K x) = 1/2 + K x / 4 + O(x^3). */
    private static final float SMALL = 1e-4f;

    private GeluGradientKernel() {
    }

    /** In place da := da * GELU'(pre), with act = GELU(pre); the column sums of the result go to biasGrad. */
    static void backward(INDArray pre, INDArray act, INDArray da, INDArray biasGrad) {
        int n = (int) pre.size(0);
        int c = (int) pre.size(1);
        HostRows xs = HostRows.of(pre);
        HostRows gs = HostRows.of(act);
        HostRows ds = HostRows.of(da);
        ColumnSums.Partial[] partial = ColumnSums.Partial.perChunk(KernelThreads.chunks(n), c);
        KernelThreads.forRows(n, (chunk, from, to) -> {
            float[] x = new float[c];
            float[] g = new float[c];
            float[] d = new float[c];
            ColumnSums.Partial sums = partial[chunk];
            for (int r = from; r < to; r++) {
                xs.get(r * c, x, c);
                gs.get(r * c, g, c);
                ds.get(r * c, d, c);
                float[] s = sums.block();
                for (int j = 0; j < c; j++) {
                    float sig = Math.abs(x[j]) > SMALL ? g[j] / x[j] : 0.5f + 0.25f * K * x[j];
                    d[j] *= sig + K * g[j] * (1f - sig);
                    s[j] += d[j];
                }
                sums.rowDone();
                ds.put(r * c, d, c);
            }
        });
        HostRows.of(biasGrad).put(0, ColumnSums.Partial.total(partial), c);
    }
}
