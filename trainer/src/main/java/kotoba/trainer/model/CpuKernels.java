package kotoba.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses between the hand-written layers' two implementations: Java kernels and direct OpenBLAS calls on ND4J's
 * native memory (float models on the CPU backend, the fast path), or plain ND4J ops (any backend, so the CUDA build
 * keeps working, and double precision, which the finite-difference checks use). {@code -Dkotoba.kernels=nd4j} forces
 * the ND4J ops on the CPU too, to compare the two.
 */
final class CpuKernels {

    private static volatile Boolean forced;

    private CpuKernels() {
    }

    /** True when the layers should use the Java kernels on arrays of {@code type}: they compute in float only. */
    static boolean enabled(DataType type) {
        if (type != DataType.FLOAT) {
            return false;
        }
        Boolean f = forced;
        if (f != null) {
            return f;
        }
        return !"nd4j".equals(System.getProperty("kotoba.kernels")) && Nd4j.getEnvironment().isCPU();
    }

    /** For tests comparing the paths on float models: true or false forces one, null goes back to the default. */
    static void force(Boolean useKernels) {
        forced = useKernels;
    }
}
