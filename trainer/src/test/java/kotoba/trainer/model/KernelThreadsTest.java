package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** Every row is run exactly once, by chunks within range, and a failure in any chunk reaches the caller. */
class KernelThreadsTest {

    @Test
    void everyRowRunsExactlyOnceInItsChunk() {
        for (int rows : new int[] {0, 1, 15, 16, 33, 1000}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(rows);
            int chunks = KernelThreads.chunks(rows);
            KernelThreads.forRows(rows, (chunk, from, to) -> {
                if (chunk < 0 || chunk >= chunks) {
                    throw new AssertionError("chunk " + chunk + " of " + chunks);
                }
                for (int r = from; r < to; r++) {
                    seen.incrementAndGet(r);
                }
            });
            for (int r = 0; r < rows; r++) {
                assertEquals(1, seen.get(r), "row " + r + " of " + rows);
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelThreads.forRows(1000,
                (chunk, from, to) -> {
                    if (from == 0) {
                        throw new IllegalStateException("first chunk failed");
                    }
                }));
        assertEquals("first chunk failed", e.getMessage());
    }
}
