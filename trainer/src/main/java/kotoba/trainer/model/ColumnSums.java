package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Column sums of [N, C] rows (the gradients of biases and LayerNorm shifts) on the kernel threads, each thread
 * summing its rows into its own partial sums in double.
 */
final class ColumnSums {

    private ColumnSums() {
    }

    /** Writes the column sums of {@code rows} [N, C] into {@code out} (C contiguous elements). */
    static void into(INDArray rows, INDArray out) {
        int n = (int) rows.size(0);
        int c = (int) rows.size(1);
        HostRows in = HostRows.of(HostRows.contiguousC(rows));
        double[][] partial = new double[KernelThreads.chunks(n)][c];
        KernelThreads.forRows(n, (chunk, from, to) -> {
            float[] staging = new float[c];
            double[] row = new double[c];
            double[] sums = partial[chunk];
            for (int r = from; r < to; r++) {
                in.get(r * c, row, c, staging);
                for (int j = 0; j < c; j++) {
                    sums[j] += row[j];
                }
            }
        });
        HostRows.of(out).put(0, total(partial), c, new float[c]);
    }

    /** The element-wise sum of per-chunk partial sums. */
    static double[] total(double[][] partial) {
        double[] sum = partial[0].clone();
        for (int p = 1; p < partial.length; p++) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += partial[p][j];
            }
        }
        return sum;
    }
}
