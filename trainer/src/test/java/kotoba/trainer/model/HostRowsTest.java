package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Kernels see an array's own elements, views included, and never write into an array that is not c-contiguous. */
class HostRowsTest {

    @Test
    void aViewIsReadFromItsFirstElementNotItsBuffersStart() {
        INDArray all = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
        INDArray second = all.slice(1);
        double[] row = new double[4];
        HostRows.of(second).get(4, row, 4, new float[4]);
        assertArrayEquals(new double[] {16, 17, 18, 19}, row);
    }

    @Test
    void writesLandInTheArrayInItsOwnPrecision() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        HostRows.of(a).put(3, new double[] {1.0 / 3, 2, 3}, 3, new float[3]);
        assertEquals(1.0 / 3, a.getDouble(1, 0), 0.0);
        INDArray f = Nd4j.zeros(DataType.FLOAT, 2, 3);
        HostRows.of(f).put(0, new double[] {1.0 / 3}, 1, new float[1]);
        assertEquals((float) (1.0 / 3), f.getFloat(0, 0), 0.0f);
    }

    @Test
    void transposedArraysAreCopiedForReadingAndRefusedForWriting() {
        INDArray t = Nd4j.arange(6).castTo(DataType.FLOAT).reshape('c', 2, 3).transpose();
        double[] row = new double[2];
        HostRows.of(HostRows.contiguousC(t)).get(2, row, 2, new float[2]);
        assertArrayEquals(new double[] {1, 4}, row);
        assertThrows(IllegalArgumentException.class, () -> HostRows.of(t));
        assertThrows(IllegalArgumentException.class, () -> HostRows.of(Nd4j.zeros(DataType.INT32, 3)));
    }
}
