package kotoba.trainer.data;

/** Derives independent, reproducible seeds (SplitMix64 finaliser) so each epoch and purpose gets its own stream. */
public final class Seeds {
    private Seeds() {
    }

    /** A well-mixed seed for {@code (seed, a, b)}; nearby inputs give unrelated outputs. */
    public static long derive(long seed, long a, long b) {
        return mix(mix(mix(seed) ^ a) ^ (b * 0x9E3779B97F4A7C15L));
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
