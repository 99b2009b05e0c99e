package kotoba.corpus.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * MinHash signatures of character-shingle sets: {@code numPerm} 64-bit minima, one per hash function
 * {@code h_i(x) = fmix64(x XOR s_i)} with the seeds {@code s_i} drawn from SplitMix64 of a fixed seed, so
 * equal texts get equal signatures on every JVM. Two signatures agree at a position with probability
 * equal to the Jaccard similarity of the shingle sets. Serializable and thread-safe.
 */
public final class MinHasher implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int numPerm;
    private final int shingleSize;
    private final long seed;
    private final long[] seeds;

    /**
     * @param numPerm     signature length (number of hash functions)
     * @param shingleSize shingle length in code points
     * @param seed        master seed of the hash functions; signatures compare only under the same seed
     */
    public MinHasher(int numPerm, int shingleSize, long seed) {
        if (numPerm < 1) {
            throw new IllegalArgumentException("numPerm must be >= 1 but was " + numPerm);
        }
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingleSize must be >= 1 but was " + shingleSize);
        }
        this.numPerm = numPerm;
        this.shingleSize = shingleSize;
        this.seed = seed;
        this.seeds = Hashing.splitMix64(seed, numPerm);
    }

    public int numPerm() {
        return numPerm;
    }

    /**
     * The signature of a text's shingle set. The empty text has no shingles and gets all
     * {@code Long.MAX_VALUE}, so all empty texts look identical; drop them before dedup.
     */
    public long[] signature(String text) {
        return signatureOf(Shingles.of(text, shingleSize));
    }

    /** The signature of a set of shingle hashes from {@link Shingles#of}. */
    public long[] signatureOf(long[] shingles) {
        long[] signature = new long[numPerm];
        Arrays.fill(signature, Long.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < numPerm; i++) {
                long h = Hashing.fmix64(shingle ^ seeds[i]);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** Estimated Jaccard similarity: the fraction of positions where two signatures agree. */
    public static double estimateJaccard(long[] a, long[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signatures must have the same, non-zero length: "
                    + a.length + " vs " + b.length);
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return equal / (double) a.length;
    }

    @Override
    public String toString() {
        return "MinHasher[numPerm=" + numPerm + ", shingleSize=" + shingleSize + ", seed=" + seed + "]";
    }
}
