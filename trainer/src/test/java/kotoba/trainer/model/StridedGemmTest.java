package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** GEMM on offset, strided sub-matrices agrees with ND4J on the same slices, and refuses to leave its arrays. */
class StridedGemmTest {

    @Test
    void productOfTwoSlicesOfOneArrayEqualsNd4jOnTheSameSlices() {
        Nd4j.getRandom().setSeed(3);
        // Like attention's Q K^T: both operands are column blocks of one [rows, 12] array.
        INDArray qkv = Nd4j.rand(DataType.FLOAT, 10, 12);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 2, 5, 5);
        StridedGemm in = StridedGemm.over(qkv);
        // rows 5..9, columns 2..5 (q) times the transpose of rows 5..9, columns 6..9 (k), into out[1]
        StridedGemm.gemm(false, true, 5, 5, 4, 0.5, in, 5 * 12 + 2, 12, in, 5 * 12 + 6, 12,
                0.0, StridedGemm.over(out), 25, 5);
        INDArray q = qkv.get(NDArrayIndex.interval(5, 10), NDArrayIndex.interval(2, 6));
        INDArray k = qkv.get(NDArrayIndex.interval(5, 10), NDArrayIndex.interval(6, 10));
        INDArray expected = q.mmul(k.transpose()).muli(0.5);
        assertEquals(0.0, expected.sub(out.slice(1)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, out.slice(0).amaxNumber().doubleValue(), "the other block is untouched");
    }

    @Test
    void transposedOperandAndOutputColumnsAreHonoured() {
        Nd4j.getRandom().setSeed(4);
        INDArray a = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 6, 2);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 3, 5);
        // a^T b written into columns 1..2 of out, adding to what is there (beta 1)
        out.putScalar(0, 1, 1.0);
        StridedGemm.gemm(true, false, 3, 2, 6, 1.0, StridedGemm.over(a), 0, 3, StridedGemm.over(b), 0, 2,
                1.0, StridedGemm.over(out), 1, 5);
        INDArray expected = a.transpose().mmul(b);
        expected.putScalar(0, 0, expected.getDouble(0, 0) + 1.0);
        INDArray written = out.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        assertEquals(0.0, expected.sub(written).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, out.getColumn(0).amaxNumber().doubleValue());
    }

    @Test
    void subMatrixOutsideTheArrayIsRejectedBeforeNativeCode() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 4);
        StridedGemm m = StridedGemm.over(a);
        assertThrows(IndexOutOfBoundsException.class,
                () -> StridedGemm.gemm(false, false, 4, 4, 4, 1.0, m, 1, 4, m, 0, 4, 0.0, m, 0, 4));
        assertThrows(IndexOutOfBoundsException.class,
                () -> StridedGemm.gemm(false, false, 2, 2, 5, 1.0, m, 0, 4, m, 0, 4, 0.0, m, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> StridedGemm.over(Nd4j.zeros(DataType.DOUBLE, 4, 4)));
    }
}
