package kotoba.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits the rows of the trainer's Java kernels over as many threads as ND4J may use in this task, so that a kernel
 * gets the same cores as the matmuls around it: OMP_NUM_THREADS in one JVM, the task's cores on a Spark worker (which
 * sets ND4J's thread count per task).
 */
final class KernelThreads {

    /** Rows below which a kernel is not worth splitting: handing work to another thread costs some microseconds. */
    static final int MIN_ROWS_PER_THREAD = 16;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kotoba-kernel");
        t.setDaemon(true);
        return t;
    });

    /** The work on rows [from, to) of one chunk; {@code chunk} indexes per-chunk partial results. */
    @FunctionalInterface
    interface Rows {
        void run(int chunk, int from, int to);
    }

    private static volatile Integer forced;

    private KernelThreads() {
    }

    /** For tests (whose JVM has one ND4J thread, which ND4J will not raise): a thread count, or null for ND4J's. */
    static void force(Integer threads) {
        forced = threads;
    }

    /** How many chunks {@link #forRows} splits {@code rows} rows into. */
    static int chunks(int rows) {
        return chunks(rows, MIN_ROWS_PER_THREAD);
    }

    /** How many chunks {@link #forRows(int, int, Rows)} splits {@code rows} rows into. */
    static int chunks(int rows, int minRowsPerThread) {
        Integer f = forced;
        int threads = Math.max(1, f != null ? f : Nd4j.getEnvironment().maxThreads());
        return Math.max(1, Math.min(threads, rows / minRowsPerThread));
    }

    /** Runs {@code body} over [0, rows) in {@link #chunks} contiguous chunks, the last one on the calling thread. */
    static void forRows(int rows, Rows body) {
        forRows(rows, MIN_ROWS_PER_THREAD, body);
    }

    /** As {@link #forRows(int, Rows)}, for "rows" (such as whole attention heads) worth a thread from fewer. */
    static void forRows(int rows, int minRowsPerThread, Rows body) {
        int chunks = chunks(rows, minRowsPerThread);
        if (chunks == 1) {
            body.run(0, 0, rows);
            return;
        }
        List<Future<?>> others = new ArrayList<>(chunks - 1);
        for (int c = 0; c < chunks - 1; c++) {
            int chunk = c;
            others.add(POOL.submit(() -> body.run(chunk, start(chunk, chunks, rows), start(chunk + 1, chunks, rows))));
        }
        RuntimeException failure = null;
        try {
            body.run(chunks - 1, start(chunks - 1, chunks, rows), rows);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int start(int chunk, int chunks, int rows) {
        return (int) ((long) rows * chunk / chunks);
    }
}
