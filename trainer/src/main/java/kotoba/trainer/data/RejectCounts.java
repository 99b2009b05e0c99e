package kotoba.trainer.data;

import java.util.Map;
import java.util.TreeMap;

/** Counts of token docs the reader refused, per reason, so that nothing bad disappears silently. */
public final class RejectCounts {
    private final Map<String, Long> counts = new TreeMap<>();

    /** Records one rejected document. */
    public synchronized void add(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    /** A snapshot of reason to count. */
    public synchronized Map<String, Long> snapshot() {
        return new TreeMap<>(counts);
    }

    /** Total rejected documents. */
    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized String toString() {
        return counts.toString();
    }
}
