package kotoba.trainer.model;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * A section in which OpenBLAS runs each call on its caller's thread alone, for kernels that split their small
 * products over the kernel threads themselves. With a pool of its own, OpenBLAS splits every 128 x 128 product
 * of attention in two and its idle worker then spins on sched_yield: perf put that spinning at a fifth of the CPU
 * samples of a d=384 training step, taken from the threads doing the work. The previous thread count comes back on
 * close, for whatever else uses OpenBLAS (matmuls on ND4J builds without oneDNN).
 */
final class SingleThreadedBlas implements AutoCloseable {

    private final int before;

    private SingleThreadedBlas(int before) {
        this.before = before;
    }

    static SingleThreadedBlas enter() {
        int before = openblas_nolapack.blas_get_num_threads();
        if (before > 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
        return new SingleThreadedBlas(before);
    }

    @Override
    public void close() {
        if (before > 1) {
            openblas_nolapack.blas_set_num_threads(before);
        }
    }
}
