package kotoba.corpus.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MinHashLshTest {

    private static final double THRESHOLD = 0.8;
    private static final int NUM_PERM = 128;
    private final MinHasher hasher = new MinHasher(NUM_PERM, 5, 1234L);
    private final LshParams lsh = LshParams.forThreshold(THRESHOLD, NUM_PERM);

    @Test
    void japaneseNearDuplicateSharesABandKeyAndEstimatesAboveThreshold() {
        String copy = Prose.edit(Prose.JA, '〇', 40, 120, 200);
        assertNearDuplicates(Prose.JA, copy);
    }

    @Test
    void englishNearDuplicateSharesABandKeyAndEstimatesAboveThreshold() {
        String copy = Prose.edit(Prose.EN, 'x', 50, 250, 450);
        assertNearDuplicates(Prose.EN, copy);
    }

    @Test
    void distinctDocumentsShareNoBandKey() {
        String[][] pairs = {{Prose.JA, Prose.JA_OTHER}, {Prose.EN, Prose.EN_OTHER}, {Prose.JA, Prose.EN}};
        for (String[] pair : pairs) {
            long[] a = hasher.signature(pair[0]);
            long[] b = hasher.signature(pair[1]);
            assertTrue(MinHasher.estimateJaccard(a, b) < 0.2);
            assertFalse(shareKey(lsh.bandKeys(a), lsh.bandKeys(b)));
        }
    }

    @Test
    void estimateTracksExactJaccardAcrossOverlaps() {
        MinHasher wide = new MinHasher(256, 5, 99L);
        String base = Prose.EN + " " + Prose.EN_OTHER;
        for (int keep : new int[]{base.length(), base.length() * 3 / 4, base.length() / 2, base.length() / 4}) {
            String other = base.substring(0, keep) + " " + Prose.JA_OTHER;
            double exact = Shingles.jaccard(Shingles.of(base, 5), Shingles.of(other, 5));
            double estimate = MinHasher.estimateJaccard(wide.signature(base), wide.signature(other));
            // standard error is sqrt(J(1-J)/256) <= 0.032; 0.1 is three of them
            assertEquals(exact, estimate, 0.1, "keep " + keep);
        }
    }

    @Test
    void signaturesAreDeterministicAndSurviveSerialization() throws Exception {
        MinHasher again = new MinHasher(NUM_PERM, 5, 1234L);
        assertArrayEquals(hasher.signature(Prose.JA), again.signature(Prose.JA));
        assertArrayEquals(hasher.signature(Prose.JA), roundTrip(hasher).signature(Prose.JA));
        assertFalse(Arrays.equals(hasher.signature(Prose.JA), new MinHasher(NUM_PERM, 5, 1235L).signature(Prose.JA)));
        assertArrayEquals(lsh.bandKeys(hasher.signature(Prose.EN)), roundTrip(lsh).bandKeys(again.signature(Prose.EN)));
    }

    @Test
    void shinglesAreCharacterRunsSoUnspacedTextAndShortTextWork() {
        assertEquals(3, Shingles.of("あいうえおか", 4).length);
        assertEquals(1, Shingles.of("あい", 4).length);
        assertEquals(0, Shingles.of("", 4).length);
        assertEquals(2, Shingles.of("abab", 2).length, "ab, ba, ab: two distinct");
        assertEquals(1.0, Shingles.jaccard(Shingles.of("同じ文章です", 3), Shingles.of("同じ文章です", 3)));
    }

    @Test
    void chosenBandingPutsTheSteepPartOfTheCurveAtTheThreshold() {
        for (double threshold : new double[]{0.5, 0.7, 0.8, 0.9}) {
            LshParams p = LshParams.forThreshold(threshold, NUM_PERM);
            assertTrue(p.bands() * p.rows() <= NUM_PERM);
            assertTrue(p.candidateProbability(threshold - 0.25) < 0.2, p + " at " + threshold);
            assertTrue(p.candidateProbability(Math.min(0.99, threshold + 0.1)) > 0.8, p + " at " + threshold);
        }
        assertTrue(LshParams.forThreshold(0.9, NUM_PERM).rows() > LshParams.forThreshold(0.5, NUM_PERM).rows());
    }

    @Test
    void chosenBandingBeatsNeighbouringChoicesOnWeightedError() {
        LshParams best = LshParams.forThreshold(0.8, NUM_PERM);
        double bestError = error(best, 0.8);
        for (int db = -2; db <= 2; db++) {
            for (int dr = -2; dr <= 2; dr++) {
                int b = best.bands() + db;
                int r = best.rows() + dr;
                if (b >= 1 && r >= 1 && b * r <= NUM_PERM) {
                    assertTrue(bestError <= error(new LshParams(b, r), 0.8) + 1e-12, b + "x" + r);
                }
            }
        }
        LshParams fnHeavy = LshParams.forThreshold(0.8, NUM_PERM, 0.1, 0.9);
        assertTrue(fnHeavy.candidateProbability(0.75) >= best.candidateProbability(0.75),
                "weighting false negatives more makes the curve catch more pairs");
    }

    private static double error(LshParams p, double t) {
        return 0.5 * p.falsePositiveArea(t) + 0.5 * p.falseNegativeArea(t);
    }

    private void assertNearDuplicates(String a, String b) {
        long[] sa = hasher.signature(a);
        long[] sb = hasher.signature(b);
        double exact = Shingles.jaccard(Shingles.of(a, 5), Shingles.of(b, 5));
        assertTrue(exact >= THRESHOLD, "fixture is a near duplicate: " + exact);
        assertTrue(MinHasher.estimateJaccard(sa, sb) >= THRESHOLD, "estimate " + MinHasher.estimateJaccard(sa, sb));
        assertTrue(shareKey(lsh.bandKeys(sa), lsh.bandKeys(sb)));
    }

    private static boolean shareKey(long[] a, long[] b) {
        Set<Long> keys = new HashSet<>();
        for (long k : a) {
            keys.add(k);
        }
        for (long k : b) {
            if (keys.contains(k)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
