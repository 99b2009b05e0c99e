package kotoba.trainer.model;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The native memory of a c-ordered FLOAT ND4J array (CPU backend), read and written in rows by the trainer's Java
 * kernels. The kernels compute in float, as the model trains: converting every element to double and back cost
 * about 0.5 ns each way (Java 17 does not vectorise the conversions), more than their arithmetic. Models in double
 * precision (the finite-difference checks) run the ND4J ops instead (see {@link CpuKernels}). Absolute access
 * only, so that threads may share it.
 */
final class HostRows {

    private final FloatBuffer floats;

    private HostRows(FloatBuffer floats) {
        this.floats = floats;
    }

    /** Wraps {@code a}, which the kernel may write: it must already be c-ordered and contiguous. */
    static HostRows of(INDArray a) {
        if (!isContiguousC(a)) {
            throw new IllegalArgumentException("kernel output must be a c-ordered contiguous array, got shape "
                    + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
        }
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("kernels take FLOAT arrays, got " + a.dataType());
        }
        return new HostRows(new FloatPointer(a.data().addressPointer()).capacity(a.length()).asBuffer());
    }

    /** {@code a} in c order: itself when it already is, else a copy (for arrays the kernel only reads). */
    static INDArray contiguousC(INDArray a) {
        return isContiguousC(a) ? a : a.dup('c');
    }

    static boolean isContiguousC(INDArray a) {
        return (a.rank() <= 1 || a.isVector()) && a.elementWiseStride() == 1
                || a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /**
     * Reads elements [from, from + len) into dst[0, len) in one bulk copy: element-wise absolute access to a direct
     * buffer checks every index and does not vectorise, and took a fifth of a training step.
     */
    void get(int from, float[] dst, int len) {
        floats.get(from, dst, 0, len);
    }

    /** Writes src[0, len) to elements [from, from + len). */
    void put(int from, float[] src, int len) {
        floats.put(from, src, 0, len);
    }

    float get(int i) {
        return floats.get(i);
    }

    void set(int i, float v) {
        floats.put(i, v);
    }

    /** A whole (small) vector, such as a LayerNorm gain, as float[]. */
    static float[] toFloats(INDArray a) {
        INDArray c = contiguousC(a);
        float[] out = new float[(int) c.length()];
        of(c).get(0, out, out.length);
        return out;
    }
}
