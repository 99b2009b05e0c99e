package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The core of causal multi-head attention on the CPU, read straight out of the fused projections: for each sequence
 * b and head h, P = softmax(Q K^T / sqrt(hs) + causal mask) and Y = P V, where Q, K and V of (b, h) are [T, hs]
 * slices of qkv [B*T, 3C] and Y is written as columns h*hs.. of merged [B*T, C]. No permuted copies are made; the
 * products are {@link StridedGemm} calls and the softmax and its gradient are Java passes over the rows of P. The
 * (b, h) pairs are split over the kernel threads, each running its products on a single-threaded OpenBLAS and its
 * softmax rows while the block is still in cache: 128 x 128 products gain little from OpenBLAS's own threads.
 *
 * <p>Backward: dV = P^T dY, dP = dY V^T, dS = P * (dP - rowsum(dP * P)), dQ = dS K / sqrt(hs), dK = dS^T Q / sqrt(hs).
 * Future positions have P = 0 and so dS = 0: they get no gradient.
 */
final class CausalAttentionKernel {

    private final int batch;
    private final int t;
    private final int nHead;
    private final int hs;
    private final int c;

    CausalAttentionKernel(int batch, int contextLength, int dModel, int nHead) {
        this.batch = batch;
        this.t = contextLength;
        this.nHead = nHead;
        this.hs = dModel / nHead;
        this.c = dModel;
    }

    /** Fills probs [B, nh, T, T] with the attention weights and merged [B*T, C] with their outputs. */
    void forward(INDArray qkv, INDArray probs, INDArray merged) {
        HostRows scores = HostRows.of(probs);
        double scale = 1.0 / Math.sqrt(hs);
        int ld = 3 * c;
        forEachBlock(() -> {
            StridedGemm in = StridedGemm.over(qkv);
            StridedGemm p = StridedGemm.over(probs);
            StridedGemm out = StridedGemm.over(merged);
            Row row = new Row(t);
            return (b, h) -> {
                long q = (long) b * t * ld + (long) h * hs;
                // [T, hs] x [hs, T] -> scores [T, T]
                StridedGemm.gemm(false, true, t, t, hs, scale, in, q, ld, in, q + c, ld, 0.0, p, block(b, h), t);
                softmaxRows(scores, block(b, h), row);
                // [T, T] x [T, hs] -> [T, hs] at columns h*hs of merged's rows b*T..
                StridedGemm.gemm(false, false, t, hs, t, 1.0, p, block(b, h), t, in, q + 2L * c, ld,
                        0.0, out, (long) b * t * c + (long) h * hs, c);
            };
        });
    }

    /**
     * Given dY [B*T, C] (dL/dmerged), fills dQkv [B*T, 3C]; {@code scratch} [B, nh, T, T] receives dP and then dS.
     */
    void backward(INDArray qkv, INDArray probs, INDArray dY, INDArray scratch, INDArray dQkv) {
        INDArray dYc = HostRows.contiguousC(dY);
        HostRows pRows = HostRows.of(probs);
        HostRows dsRows = HostRows.of(scratch);
        double scale = 1.0 / Math.sqrt(hs);
        int ld = 3 * c;
        forEachBlock(() -> {
            StridedGemm in = StridedGemm.over(qkv);
            StridedGemm p = StridedGemm.over(probs);
            StridedGemm dy = StridedGemm.over(dYc);
            StridedGemm ds = StridedGemm.over(scratch);
            StridedGemm out = StridedGemm.over(dQkv);
            Row row = new Row(t);
            return (b, h) -> {
                long rows = (long) b * t * ld + (long) h * hs;
                long y = (long) b * t * c + (long) h * hs;
                // dP = dY V^T: [T, hs] x [hs, T]
                StridedGemm.gemm(false, true, t, t, hs, 1.0, dy, y, c, in, rows + 2L * c, ld, 0.0, ds, block(b, h), t);
                // dV = P^T dY: [T, T] x [T, hs]
                StridedGemm.gemm(true, false, t, hs, t, 1.0, p, block(b, h), t, dy, y, c,
                        0.0, out, rows + 2L * c, ld);
                softmaxGradientRows(pRows, dsRows, block(b, h), row);
                // dQ = dS K / sqrt(hs), dK = dS^T Q / sqrt(hs): [T, T] x [T, hs]
                StridedGemm.gemm(false, false, t, hs, t, scale, ds, block(b, h), t, in, rows + c, ld,
                        0.0, out, rows, ld);
                StridedGemm.gemm(true, false, t, hs, t, scale, ds, block(b, h), t, in, rows, ld,
                        0.0, out, rows + c, ld);
            };
        });
    }

    /** The work on one (sequence, head) block. */
    @FunctionalInterface
    private interface Block {
        void run(int b, int h);
    }

    /**
     * Runs every (b, h) block, the blocks split over the kernel threads with OpenBLAS single-threaded meanwhile.
     * {@code perThread} makes each thread's block work: JavaCPP reads a pointer's position at the call, so every
     * thread positions operands ({@link StridedGemm}) and staging rows of its own.
     */
    private void forEachBlock(java.util.function.Supplier<Block> perThread) {
        try (SingleThreadedBlas single = SingleThreadedBlas.enter()) {
            KernelThreads.forRows(batch * nHead, 1, (chunk, from, to) -> {
                Block work = perThread.get();
                for (int bh = from; bh < to; bh++) {
                    work.run(bh / nHead, bh % nHead);
                }
            });
        }
    }

    private long block(int b, int h) {
        return ((long) b * nHead + h) * t * t;
    }

    /**
     * One thread's copy of a [T, T] block or two, and the double row of the softmax's exponentials. Blocks are read and
     * written whole: a direct buffer's bulk get or put costs tens of nanoseconds a call, which per row of 128 was a
     * few percent of a d=128 step.
     */
    private record Row(float[] a, float[] b, double[] e) {
        Row(int t) {
            this(new float[t * t], new float[t * t], new double[t]);
        }
    }

    /**
     * In place on the [T, T] scores at {@code at}: causal softmax of row i over keys 0..i, zeros after. The
     * exponentials are taken in double ({@link RowExp} squares its way up from a small argument, which float
     * precision would not survive).
     */
    private void softmaxRows(HostRows scores, long at, Row work) {
        float[] s = work.a();
        double[] e = work.e();
        scores.get(Math.toIntExact(at), s, t * t);
        for (int i = 0; i < t; i++) {
            int visible = i + 1;
            int off = i * t;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                max = Math.max(max, s[off + j]);
                e[j] = s[off + j];
            }
            double inv = 1.0 / RowExp.inPlace(e, visible, max);
            for (int j = 0; j < visible; j++) {
                s[off + j] = (float) (e[j] * inv);
            }
            java.util.Arrays.fill(s, off + visible, off + t, 0f);
        }
        scores.put(Math.toIntExact(at), s, t * t);
    }

    /** In place on the [T, T] dP block at {@code at}: dS = P * (dP - rowsum(dP * P)) over visible keys, zeros after. */
    private void softmaxGradientRows(HostRows probs, HostRows grads, long at, Row work) {
        float[] p = work.a();
        float[] d = work.b();
        int from = Math.toIntExact(at);
        probs.get(from, p, t * t);
        grads.get(from, d, t * t);
        for (int i = 0; i < t; i++) {
            int visible = i + 1;
            int off = i * t;
            float dot = FloatSums.dot(d, p, off, visible);
            for (int j = off; j < off + visible; j++) {
                d[j] = p[j] * (d[j] - dot);
            }
            java.util.Arrays.fill(d, off + visible, off + t, 0f);
        }
        grads.put(from, d, t * t);
    }
}
