package kotoba.trainer.model;

/**
 * Sums and dot products of float rows for the Java kernels, in eight independent partial sums: Java 17 compiles a
 * single running float sum into a chain of dependent adds, one element per add latency.
 */
final class FloatSums {

    private FloatSums() {
    }

    /** a[0] + ... + a[len - 1]. */
    static float sum(float[] a, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 7 < len; j += 8) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
            s4 += a[j + 4];
            s5 += a[j + 5];
            s6 += a[j + 6];
            s7 += a[j + 7];
        }
        for (; j < len; j++) {
            s0 += a[j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** a[0] b[0] + ... + a[len - 1] b[len - 1]. */
    static float dot(float[] a, float[] b, int len) {
        return dot(a, b, 0, len);
    }

    /** a[from] b[from] + ... + a[from + len - 1] b[from + len - 1]. */
    static float dot(float[] a, float[] b, int from, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = from;
        int end = from + len;
        for (; j + 7 < end; j += 8) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
            s4 += a[j + 4] * b[j + 4];
            s5 += a[j + 5] * b[j + 5];
            s6 += a[j + 6] * b[j + 6];
            s7 += a[j + 7] * b[j + 7];
        }
        for (; j < end; j++) {
            s0 += a[j] * b[j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
