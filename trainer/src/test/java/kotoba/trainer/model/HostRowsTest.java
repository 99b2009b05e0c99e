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
        float[] row = new float[4];
        HostRows.of(second).get(4, row, 4);
        assertArrayEquals(new float[] {16, 17, 18, 19}, row);
    }

    @Test
    void writesLandAtTheirOffset() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        HostRows.of(a).put(3, new float[] {1f / 3, 2, 3}, 3);
        HostRows.of(a).set(1, 5f);
        assertEquals(1f / 3, a.getFloat(1, 0), 0f);
        assertEquals(5f, a.getFloat(0, 1), 0f);
        assertEquals(0f, a.getFloat(0, 0), 0f);
    }

    @Test
    void transposedArraysAreCopiedForReadingAndRefusedForWriting() {
        INDArray t = Nd4j.arange(6).castTo(DataType.FLOAT).reshape('c', 2, 3).transpose();
        float[] row = new float[2];
        HostRows.of(HostRows.contiguousC(t)).get(2, row, 2);
        assertArrayEquals(new float[] {1, 4}, row);
        assertThrows(IllegalArgumentException.class, () -> HostRows.of(t));
    }

    @Test
    void onlyFloatArraysAreTaken() {
        assertThrows(IllegalArgumentException.class, () -> HostRows.of(Nd4j.zeros(DataType.INT32, 3)));
        assertThrows(IllegalArgumentException.class, () -> HostRows.of(Nd4j.zeros(DataType.DOUBLE, 3)));
    }
}
