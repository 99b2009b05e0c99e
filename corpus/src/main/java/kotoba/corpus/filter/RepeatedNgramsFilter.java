package kotoba.corpus.filter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gopher's n-gram repetition rules ({@code repeated_ngrams}) over {@link TextUnits} (words, or characters
 * of Japanese/Chinese/Thai):
 * <ul>
 *   <li>top n-gram: for small n, the characters covered by all occurrences of the most frequent n-gram,
 *       as a fraction of all unit characters; only counted when that n-gram occurs at least twice;</li>
 *   <li>duplicate n-grams: for larger n, the fraction of unit characters that lie inside an n-gram which
 *       already occurred earlier; each unit counts once however many duplicate n-grams overlap it.</li>
 * </ul>
 * When most units are unsegmented-script characters, every n is multiplied by the configured scale, since a
 * character there is a fraction of a word. N-grams are compared by a 64-bit hash of their unit ids; a
 * collision (odds about n²/2⁶⁴ per document) could only make a document look more repetitive.
 */
public final class RepeatedNgramsFilter implements DocumentFilter {

    private static final long serialVersionUID = 1L;

    private final TreeMap<Integer, Double> maxTopFraction;
    private final TreeMap<Integer, Double> maxDuplicateFraction;
    private final int unsegmentedScale;

    public RepeatedNgramsFilter(Map<Integer, Double> maxTopFraction, Map<Integer, Double> maxDuplicateFraction,
                                int unsegmentedScale) {
        this.maxTopFraction = new TreeMap<>(maxTopFraction);
        this.maxDuplicateFraction = new TreeMap<>(maxDuplicateFraction);
        this.unsegmentedScale = unsegmentedScale;
    }

    @Override
    public Optional<String> check(String text, String lang) {
        TextUnits.Split split = TextUnits.split(text);
        int scale = split.mostlyUnsegmented() ? unsegmentedScale : 1;
        Units units = Units.of(split.units());
        if (units.totalChars == 0) {
            return Optional.empty();
        }
        for (Map.Entry<Integer, Double> rule : maxTopFraction.entrySet()) {
            if (topNgramFraction(units, rule.getKey() * scale) > rule.getValue()) {
                return Optional.of(FilterReasons.REPEATED_NGRAMS);
            }
        }
        for (Map.Entry<Integer, Double> rule : maxDuplicateFraction.entrySet()) {
            if (duplicateNgramFraction(units, rule.getKey() * scale) > rule.getValue()) {
                return Optional.of(FilterReasons.REPEATED_NGRAMS);
            }
        }
        return Optional.empty();
    }

    /** Units as dense ids plus their lengths in code points. */
    static final class Units {
        final int[] ids;
        final int[] chars;
        final long totalChars;

        private Units(int[] ids, int[] chars, long totalChars) {
            this.ids = ids;
            this.chars = chars;
            this.totalChars = totalChars;
        }

        static Units of(List<String> units) {
            Map<String, Integer> dictionary = new HashMap<>();
            int[] ids = new int[units.size()];
            int[] chars = new int[units.size()];
            long total = 0;
            for (int i = 0; i < ids.length; i++) {
                String unit = units.get(i);
                ids[i] = dictionary.computeIfAbsent(unit, u -> dictionary.size());
                chars[i] = unit.codePointCount(0, unit.length());
                total += chars[i];
            }
            return new Units(ids, chars, total);
        }
    }

    /** Characters covered by occurrences of the most frequent n-gram (if it repeats) over all unit characters. */
    static double topNgramFraction(Units units, int n) {
        long[] hashes = ngramHashes(units.ids, n);
        if (hashes.length == 0) {
            return 0;
        }
        Map<Long, int[]> counts = new HashMap<>();
        int bestCount = 0;
        int bestStart = -1;
        for (int i = 0; i < hashes.length; i++) {
            int[] count = counts.computeIfAbsent(hashes[i], h -> new int[1]);
            count[0]++;
            if (count[0] > bestCount) {
                bestCount = count[0];
                bestStart = i;
            }
        }
        if (bestCount < 2) {
            return 0;
        }
        long ngramChars = 0;
        for (int j = bestStart; j < bestStart + n; j++) {
            ngramChars += units.chars[j];
        }
        return Math.min(1.0, bestCount * ngramChars / (double) units.totalChars);
    }

    /** Fraction of unit characters inside an n-gram that already occurred earlier in the text. */
    static double duplicateNgramFraction(Units units, int n) {
        long[] hashes = ngramHashes(units.ids, n);
        if (hashes.length == 0) {
            return 0;
        }
        boolean[] covered = new boolean[units.ids.length];
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < hashes.length; i++) {
            if (!seen.add(hashes[i])) {
                Arrays.fill(covered, i, i + n, true);
            }
        }
        long coveredChars = 0;
        for (int i = 0; i < covered.length; i++) {
            if (covered[i]) {
                coveredChars += units.chars[i];
            }
        }
        return coveredChars / (double) units.totalChars;
    }

    /** Hash of each n-gram start position; order-sensitive, so "a b" and "b a" differ. */
    private static long[] ngramHashes(int[] ids, int n) {
        int count = ids.length - n + 1;
        if (n < 1 || count <= 0) {
            return new long[0];
        }
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            long h = n;
            for (int j = i; j < i + n; j++) {
                h = mix(h * 0x9E3779B97F4A7C15L + ids[j]);
            }
            hashes[i] = h;
        }
        return hashes;
    }

    /** A 64-bit finalizer (the MurmurHash3 fmix64 constants) so nearby ids give unrelated hashes. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
