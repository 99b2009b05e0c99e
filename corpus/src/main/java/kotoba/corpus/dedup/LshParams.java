package kotoba.corpus.dedup;

import java.io.Serializable;

/**
 * Banding of MinHash signatures for locality-sensitive hashing: {@code bands} groups of {@code rows}
 * positions; two documents become candidates when all rows of at least one band agree, which happens with
 * probability {@code 1 - (1 - s^rows)^bands} at Jaccard similarity s.
 *
 * @param bands number of bands (each gives one key per document)
 * @param rows  signature positions per band; {@code bands * rows} must not exceed the signature length
 */
public record LshParams(int bands, int rows) implements Serializable {

    /** Points of Simpson's rule per integral; the curves are smooth, so this is far below the choice's sensitivity. */
    private static final int INTEGRATION_STEPS = 200;

    public LshParams {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be >= 1, got " + bands + " x " + rows);
        }
    }

    /** Equal weights on false positives and false negatives. */
    public static LshParams forThreshold(double threshold, int numPerm) {
        return forThreshold(threshold, numPerm, 0.5, 0.5);
    }

    /**
     * The bands x rows (with bands * rows &le; numPerm) minimising
     * {@code fpWeight * FP + fnWeight * FN}, where FP is the area under the candidate-probability curve
     * below the threshold (pairs that should not match but may) and FN the area above the curve beyond
     * the threshold (pairs that should match but may not). This is the criterion datasketch uses.
     */
    public static LshParams forThreshold(double threshold, int numPerm, double fpWeight, double fnWeight) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1) but was " + threshold);
        }
        if (numPerm < 1) {
            throw new IllegalArgumentException("numPerm must be >= 1 but was " + numPerm);
        }
        double bestError = Double.POSITIVE_INFINITY;
        LshParams best = null;
        for (int b = 1; b <= numPerm; b++) {
            for (int r = 1; b * r <= numPerm; r++) {
                LshParams candidate = new LshParams(b, r);
                double error = fpWeight * candidate.falsePositiveArea(threshold)
                        + fnWeight * candidate.falseNegativeArea(threshold);
                if (error < bestError) {
                    bestError = error;
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** Probability that two documents with Jaccard similarity {@code s} share at least one band key. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** Integral of the candidate probability over similarities [0, threshold]. */
    double falsePositiveArea(double threshold) {
        return simpson(0, threshold, false);
    }

    /** Integral of the miss probability over similarities [threshold, 1]. */
    double falseNegativeArea(double threshold) {
        return simpson(threshold, 1, true);
    }

    private double simpson(double from, double to, boolean miss) {
        int n = INTEGRATION_STEPS;
        double h = (to - from) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double p = candidateProbability(from + i * h);
            double y = miss ? 1 - p : p;
            sum += y * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }

    /**
     * One key per band: a 64-bit hash of the band index and that band's rows. Documents sharing any key
     * (same band index, same value; the index is mixed in, so keys of different bands do not meet) are
     * near-duplicate candidates; in Spark, explode the keys and group by key.
     */
    public long[] bandKeys(long[] signature) {
        if (signature.length < bands * rows) {
            throw new IllegalArgumentException("signature of length " + signature.length + " is shorter than "
                    + bands + " bands x " + rows + " rows");
        }
        long[] keys = new long[bands];
        for (int b = 0; b < bands; b++) {
            long h = Hashing.fmix64(0x5851F42D4C957F2DL * (b + 1));
            for (int r = 0; r < rows; r++) {
                h = Hashing.fmix64(h * 0x100000001B3L + signature[b * rows + r]);
            }
            keys[b] = h;
        }
        return keys;
    }
}
