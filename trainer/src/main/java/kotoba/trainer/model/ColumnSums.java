package kotoba.trainer.model;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Column sums of [N, C] rows (the gradients of biases and LayerNorm shifts) on the kernel threads, each thread adding
 * its rows into a {@link Partial} of its own.
 */
final class ColumnSums {

    private ColumnSums() {
    }

    /** Writes the column sums of {@code rows} [N, C] into {@code out} (C contiguous elements). */
    static void into(INDArray rows, INDArray out) {
        int n = (int) rows.size(0);
        int c = (int) rows.size(1);
        HostRows in = HostRows.of(HostRows.contiguousC(rows));
        Partial[] partial = Partial.perChunk(KernelThreads.chunks(n), c);
        KernelThreads.forRows(n, (chunk, from, to) -> {
            float[] row = new float[c];
            Partial sums = partial[chunk];
            for (int r = from; r < to; r++) {
                in.get(r * c, row, c);
                float[] s = sums.block();
                for (int j = 0; j < c; j++) {
                    s[j] += row[j];
                }
                sums.rowDone();
            }
        });
        HostRows.of(out).put(0, Partial.total(partial), c);
    }

    /**
     * One thread's column sums: rows go into float sums that are carried into double every {@link #FLUSH_ROWS}
     * rows. A float sum over thousands of rows would lose digits; adding every element into double would cost a
     * conversion per element, which Java 17 does not vectorise.
     */
    static final class Partial {

        static final int FLUSH_ROWS = 32;

        private final float[] block;
        private final double[] total;
        private int rows;

        Partial(int columns) {
            block = new float[columns];
            total = new double[columns];
        }

        static Partial[] perChunk(int chunks, int columns) {
            Partial[] out = new Partial[chunks];
            for (int i = 0; i < chunks; i++) {
                out[i] = new Partial(columns);
            }
            return out;
        }

        /** The float sums the caller adds its current row into. */
        float[] block() {
            return block;
        }

        /** Counts one row added into {@link #block}. */
        void rowDone() {
            if (++rows == FLUSH_ROWS) {
                flush();
            }
        }

        private void flush() {
            for (int j = 0; j < block.length; j++) {
                total[j] += block[j];
            }
            Arrays.fill(block, 0f);
            rows = 0;
        }

        /** The column sums over all the partials. */
        static float[] total(Partial[] partials) {
            double[] sum = new double[partials[0].block.length];
            for (Partial p : partials) {
                p.flush();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += p.total[j];
                }
            }
            float[] out = new float[sum.length];
            for (int j = 0; j < sum.length; j++) {
                out[j] = (float) sum[j];
            }
            return out;
        }
    }
}
