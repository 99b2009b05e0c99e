package kotoba.trainer.model;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * A section in which OpenBLAS runs each call on its caller's thread alone, for kernels that split their small
 * products over the kernel threads themselves. With a pool of its own, OpenBLAS splits every 128 x 128 product
 * of attention in two and its idle worker then spins on sched_yield: perf put that spinning at a fifth of the CPU
 * samples of a d=384 training step, taken from the threads doing the work. The thread count ND4J set comes back on
 * close, for whatever else uses OpenBLAS (the matmuls of ND4J builds without oneDNN).
 *
 * <p>The count is set through a function pointer looked up once: JavaCPP's {@code blas_set_num_threads} loads its
 * class and looks up four symbols on every call, about half a millisecond, twice per attention layer and pass.
 * ND4J's own view of the count ({@code blas_get_num_threads}, cached by JavaCPP) stays as it was throughout.
 */
final class SingleThreadedBlas implements AutoCloseable {

    private static final org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads SET_THREADS = lookUp();

    private final int before;

    private SingleThreadedBlas(int before) {
        this.before = before;
    }

    static SingleThreadedBlas enter() {
        int before = openblas_nolapack.blas_get_num_threads();
        if (before > 1) {
            setThreads(1);
        }
        return new SingleThreadedBlas(before);
    }

    @Override
    public void close() {
        if (before > 1) {
            setThreads(before);
        }
    }

    private static void setThreads(int n) {
        if (SET_THREADS != null) {
            SET_THREADS.call(n);
        } else {
            openblas_nolapack.blas_set_num_threads(n);
        }
    }

    private static org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads lookUp() {
        Loader.load(openblas_nolapack.class);
        Pointer f = Loader.addressof("openblas_set_num_threads");
        // As JavaCPP does inside blas_set_num_threads; its no-argument constructor is protected.
        return f == null ? null : new org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads() { }.put(f);
    }
}
