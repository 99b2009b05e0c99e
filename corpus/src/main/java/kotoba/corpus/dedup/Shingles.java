package kotoba.corpus.dedup;

import java.util.Arrays;

/**
 * Character shingles (every run of k consecutive code points) as sorted distinct 64-bit hashes. Characters
 * rather than words so that Japanese and Chinese, written without spaces, shingle like everything else.
 */
public final class Shingles {

    private Shingles() {
    }

    /**
     * The distinct shingle hashes of {@code text}, sorted. A non-empty text shorter than k is one shingle;
     * the empty text has none.
     *
     * @param k shingle length in code points
     */
    public static long[] of(String text, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("shingle size must be >= 1 but was " + k);
        }
        int[] cps = text.codePoints().toArray();
        if (cps.length == 0) {
            return new long[0];
        }
        int count = Math.max(1, cps.length - k + 1);
        int width = Math.min(k, cps.length);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            long h = width;
            for (int j = i; j < i + width; j++) {
                h = Hashing.fmix64(h * 0x100000001B3L + cps[j]);
            }
            hashes[i] = h;
        }
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    /** Exact Jaccard similarity of two results of {@link #of}: |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common / (double) (a.length + b.length - common);
    }
}
