package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MLP's bias and GELU on the CPU, forward and backward, each one Java pass over [N, 4C] that C2 vectorises.
 * GELU is ND4J's (the op SameDiff's {@code gelu} and the ND4J-op path run): g(x) = x s with s = sigmoid(1.702 x),
 * so g'(x) = s + 1.702 x s (1 - s).
 *
 * <p>The sigmoid is 1/2 + tanh(0.851 x) / 2 with tanh(y) = y P(y^2) / Q(y^2) on |y| <= 9 (where tanh rounds to
 * +-1 in float) and P, Q of degree 4, a least-squares fit of the relative error: within 3.3e-7 of tanh in float,
 * so s is within 2e-7 of the sigmoid (absolutely: for very negative x, g is about -1e-7 x instead of 0).
 * ND4J's GELU calls {@code expf} once per element and took 5% of a d=256 training step with the bias add before
 * it; its derivative op recomputes the exponential and needs a multiply and a column-sum pass after it.
 */
final class GeluKernel {

    private static final float K = 1.702f;
    private static final float HALF_K = 0.851f;
    private static final float Y_MAX = 9f;
    private static final float P0 = 0.99999997963f;
    private static final float P1 = 0.13381070238f;
    private static final float P2 = 3.4956406017e-3f;
    private static final float P3 = 2.0609931298e-5f;
    private static final float P4 = 1.3355817119e-8f;
    private static final float Q1 = 0.46714385893f;
    private static final float Q2 = 2.5877183018e-2f;
    private static final float Q3 = 3.2857199564e-4f;
    private static final float Q4 = 7.7770353740e-7f;

    private GeluKernel() {
    }

    /** In place pre := pre + bias (the kept pre-activation); act := GELU(pre). */
    static void forward(INDArray pre, INDArray bias, INDArray act) {
        int n = (int) pre.size(0);
        int c = (int) pre.size(1);
        HostRows xs = HostRows.of(pre);
        HostRows gs = HostRows.of(act);
        float[] b = HostRows.toFloats(bias);
        KernelThreads.forRows(n, (chunk, from, to) -> {
            float[] x = new float[c];
            float[] g = new float[c];
            for (int r = from; r < to; r++) {
                xs.get(r * c, x, c);
                for (int j = 0; j < c; j++) {
                    float v = x[j] + b[j];
                    x[j] = v;
                    g[j] = v * sigmoid(v);
                }
                xs.put(r * c, x, c);
                gs.put(r * c, g, c);
            }
        });
    }

    /** In place da := da * GELU'(pre); the column sums of the result go to biasGrad. */
    static void backward(INDArray pre, INDArray da, INDArray biasGrad) {
        int n = (int) pre.size(0);
        int c = (int) pre.size(1);
        HostRows xs = HostRows.of(pre);
        HostRows ds = HostRows.of(da);
        ColumnSums.Partial[] partial = ColumnSums.Partial.perChunk(KernelThreads.chunks(n), c);
        KernelThreads.forRows(n, (chunk, from, to) -> {
            float[] x = new float[c];
            float[] d = new float[c];
            ColumnSums.Partial sums = partial[chunk];
            for (int r = from; r < to; r++) {
                xs.get(r * c, x, c);
                ds.get(r * c, d, c);
                float[] s = sums.block();
                for (int j = 0; j < c; j++) {
                    float v = x[j];
                    float sig = sigmoid(v);
                    d[j] *= sig + K * v * sig * (1f - sig);
                    s[j] += d[j];
                }
                sums.rowDone();
                ds.put(r * c, d, c);
            }
        });
        HostRows.of(biasGrad).put(0, ColumnSums.Partial.total(partial), c);
    }

    /** sigmoid(1.702 x); small enough to inline into the loops above, which keep it vectorised. */
    static float sigmoid(float x) {
        float y = Math.min(Y_MAX, Math.max(-Y_MAX, HALF_K * x));
        float u = y * y;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(P4, u, P3), u, P2), u, P1), u, P0);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Q4, u, Q3), u, Q2), u, Q1), u, 1f);
        // The fit overshoots |tanh| <= 1 by an ulp near |y| = 9: a sigmoid stays in [0, 1].
        return Math.min(1f, Math.max(0f, 0.5f + 0.5f * (y * p / q)));
    }
}
