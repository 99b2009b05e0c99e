package kotoba.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Adam step over flat float arrays on the CPU, one Java pass split over the kernel threads. ND4J's AdamUpdater
 * op took 4-10 ns a parameter on the Intel VM of bench/RESULTS.md (5% of a d=256 training step); C2 vectorises this
 * loop. The arithmetic is the op's, so that a run trains the same with either: t = iteration + 1,
 * m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, and the update, written over g, is m a / (sqrt(v) + eps) with
 * a = lr sqrt(1 - b2^t) / (1 - b1^t).
 */
public final class AdamKernel {

    /** Elements per staging block: three float blocks stay in a core's L2 cache. */
    private static final int BLOCK = 4096;

    private AdamKernel() {
    }

    /** True when {@link #step} can run on these arrays: float, on the CPU kernels' path, flat and of one length. */
    public static boolean applies(INDArray gradient, INDArray m, INDArray v) {
        return CpuKernels.enabled(gradient.dataType()) && m.dataType() == DataType.FLOAT
                && v.dataType() == DataType.FLOAT && flat(gradient) && flat(m) && flat(v)
                && gradient.length() == m.length() && m.length() == v.length()
                && gradient.length() <= Integer.MAX_VALUE;
    }

    private static boolean flat(INDArray a) {
        return (a.rank() <= 1 || a.isVector()) && a.elementWiseStride() == 1;
    }

    /** Updates m and v in place and replaces {@code gradient} with the step to subtract from the parameters. */
    public static void step(INDArray gradient, INDArray m, INDArray v, double lr, double beta1, double beta2,
                            double epsilon, int iteration) {
        double scale = lr * Math.sqrt(1 - Math.pow(beta2, iteration + 1.0)) / (1 - Math.pow(beta1, iteration + 1.0));
        float a = (float) scale;
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        HostRows gs = HostRows.of(gradient);
        HostRows ms = HostRows.of(m);
        HostRows vs = HostRows.of(v);
        int n = (int) gradient.length();
        int blocks = (n + BLOCK - 1) / BLOCK;
        KernelThreads.forRows(blocks, 1, (chunk, from, to) -> {
            float[] g = new float[BLOCK];
            float[] mb = new float[BLOCK];
            float[] vb = new float[BLOCK];
            for (int blk = from; blk < to; blk++) {
                int off = blk * BLOCK;
                int len = Math.min(BLOCK, n - off);
                gs.get(off, g, len);
                ms.get(off, mb, len);
                vs.get(off, vb, len);
                for (int j = 0; j < len; j++) {
                    float gj = g[j];
                    float mj = b1 * mb[j] + c1 * gj;
                    float vj = b2 * vb[j] + c2 * gj * gj;
                    mb[j] = mj;
                    vb[j] = vj;
                    g[j] = mj * a / ((float) Math.sqrt(vj) + eps);
                }
                ms.put(off, mb, len);
                vs.put(off, vb, len);
                gs.put(off, g, len);
            }
        });
    }
}
