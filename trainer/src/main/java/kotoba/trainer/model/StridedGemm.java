package kotoba.trainer.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major GEMM on sub-matrices of c-ordered ND4J arrays (CPU backend) given by an element offset and a leading
 * dimension, through the OpenBLAS that ND4J itself links. Attention runs one small product per (sequence, head) on
 * slices of the [B*T, 3C] projections: ND4J's batched matmul needs permuted copies and ran at 5-13 GFLOP/s on these
 * shapes, a direct call on the slices at about 50.
 *
 * <p>Each instance keeps one pointer per operand role (A, B, C), because JavaCPP reads a pointer's position at the
 * call and the same array may be two operands of one call; it positions them before each call, so one thread at a
 * time.
 */
final class StridedGemm {

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private final FloatPointer[] floats;
    private final long length;

    private StridedGemm(INDArray a) {
        if (!HostRows.isContiguousC(a)) {
            throw new IllegalArgumentException("strided GEMM needs c-ordered contiguous arrays");
        }
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("strided GEMM on FLOAT arrays (the kernels' precision), got "
                    + a.dataType());
        }
        length = a.length();
        floats = new FloatPointer[3];
        for (int role = A; role <= C; role++) {
            floats[role] = new FloatPointer(a.data().addressPointer());
        }
    }

    /** The matrices inside {@code a}. */
    static StridedGemm over(INDArray a) {
        return new StridedGemm(a);
    }

    /**
     * c[m, n] = alpha * op(a)[m, k] op(b)[k, n] + beta * c, each matrix starting at its offset with its leading
     * dimension (row stride); op transposes when asked.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     StridedGemm a, long aOffset, int lda, StridedGemm b, long bOffset, int ldb,
                     double beta, StridedGemm c, long cOffset, int ldc) {
        a.check(aOffset, transA ? k : m, transA ? m : k, lda);
        b.check(bOffset, transB ? n : k, transB ? k : n, ldb);
        c.check(cOffset, m, n, ldc);
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        openblas_nolapack.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                a.floats[A].position(aOffset), lda, b.floats[B].position(bOffset), ldb,
                (float) beta, c.floats[C].position(cOffset), ldc);
    }

    /** Native code would read or write outside the array on a wrong offset: fail here instead. */
    private void check(long offset, int rows, int cols, int ld) {
        if (offset < 0 || cols > ld || rows > 0 && offset + (long) (rows - 1) * ld + cols > length) {
            throw new IndexOutOfBoundsException("a " + rows + " x " + cols + " sub-matrix at " + offset
                    + " with row stride " + ld + " does not fit in an array of " + length);
        }
    }
}
