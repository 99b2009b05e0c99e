package kotoba.corpus.dedup;

/** Small deterministic 64-bit hash helpers shared by shingling, MinHash and LSH; fixed, never seeded randomly. */
final class Hashing {

    private Hashing() {
    }

    /** The MurmurHash3 64-bit finalizer: a bijection with full avalanche, so similar inputs give unrelated outputs. */
    static long fmix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** Successive outputs of the SplitMix64 generator from {@code seed}: the per-permutation seeds of MinHash. */
    static long[] splitMix64(long seed, int count) {
        long[] out = new long[count];
        long state = seed;
        for (int i = 0; i < count; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            out[i] = z ^ (z >>> 31);
        }
        return out;
    }
}
