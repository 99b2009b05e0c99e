package kotoba.trainer.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The native memory of a c-ordered FLOAT or DOUBLE ND4J array (CPU backend), read and written as double values by
 * the trainer's Java kernels: they compute in double whatever the model's precision, so one kernel serves both the
 * float training path and the double-precision gradient checks. Absolute access only, so that threads may share it.
 */
final class HostRows {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    private HostRows(FloatBuffer floats, DoubleBuffer doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** Wraps {@code a}, which the kernel will write: it must already be c-ordered and contiguous. */
    static HostRows of(INDArray a) {
        if (!isContiguousC(a)) {
            throw new IllegalArgumentException("kernel output must be a c-ordered contiguous array, got shape "
                    + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
        }
        long n = a.length();
        if (a.dataType() == DataType.FLOAT) {
            return new HostRows(new FloatPointer(a.data().addressPointer()).capacity(n).asBuffer(), null);
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new HostRows(null, new DoublePointer(a.data().addressPointer()).capacity(n).asBuffer());
        }
        throw new IllegalArgumentException("kernels take FLOAT or DOUBLE arrays, got " + a.dataType());
    }

    /** {@code a} in c order: itself when it already is, else a copy (for arrays the kernel only reads). */
    static INDArray contiguousC(INDArray a) {
        return isContiguousC(a) ? a : a.dup('c');
    }

    static boolean isContiguousC(INDArray a) {
        return a.rank() <= 1 && a.elementWiseStride() == 1 || a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /**
     * Reads elements [from, from + len) into dst[0, len), through {@code staging} (at least len long, one per thread)
     * for float arrays: element-wise absolute access to a direct buffer checks every index and does not vectorise,
     * and took a fifth of a training step; allocating the staging row per call or finding it in a thread-local cost
     * about as much.
     */
    void get(int from, double[] dst, int len, float[] staging) {
        if (floats != null) {
            floats.get(from, staging, 0, len);
            for (int i = 0; i < len; i++) {
                dst[i] = staging[i];
            }
        } else {
            doubles.get(from, dst, 0, len);
        }
    }

    /** Writes src[0, len) to elements [from, from + len), through {@code staging} as in {@link #get}. */
    void put(int from, double[] src, int len, float[] staging) {
        if (floats != null) {
            for (int i = 0; i < len; i++) {
                staging[i] = (float) src[i];
            }
            floats.put(from, staging, 0, len);
        } else {
            doubles.put(from, src, 0, len);
        }
    }

    double get(int i) {
        return floats != null ? floats.get(i) : doubles.get(i);
    }

    void set(int i, double v) {
        if (floats != null) {
            floats.put(i, (float) v);
        } else {
            doubles.put(i, v);
        }
    }

    /** A whole (small) vector, such as a LayerNorm gain, as double[]. */
    static double[] toDoubles(INDArray a) {
        INDArray c = contiguousC(a);
        double[] out = new double[(int) c.length()];
        of(c).get(0, out, out.length, new float[out.length]);
        return out;
    }
}
