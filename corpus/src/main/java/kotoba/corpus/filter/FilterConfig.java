package kotoba.corpus.filter;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Thresholds for the quality filters. Defaults follow Gopher (Rae et al. 2021, table A1) where a rule
 * carries over; lengths are in characters rather than words so that unsegmented scripts are not penalised.
 *
 * @param minChars                      shortest kept document, in Unicode code points ({@code too_short})
 * @param maxChars                      longest kept document, in Unicode code points ({@code too_long})
 * @param maxSymbolRatio                largest kept ratio of symbol and punctuation code points (Unicode S* and
 *                                      P*) to letter code points (L* and M*) ({@code symbol_ratio})
 * @param maxDuplicateLineFraction      largest kept fraction (0..1) of non-blank lines that repeat an earlier
 *                                      line ({@code duplicate_lines}; Gopher 0.30)
 * @param maxDuplicateLineCharFraction  largest kept fraction (0..1) of characters that sit in lines repeating an
 *                                      earlier line ({@code duplicate_lines}; Gopher 0.20)
 * @param maxTopNgramFraction           for each n (in units, see {@link TextUnits}): largest kept fraction (0..1)
 *                                      of unit characters covered by the most frequent n-gram
 *                                      ({@code repeated_ngrams}; Gopher n=2,3,4: 0.20, 0.18, 0.16)
 * @param maxDuplicateNgramFraction     for each n: largest kept fraction (0..1) of unit characters inside n-grams
 *                                      that occurred earlier in the document ({@code repeated_ngrams}; Gopher
 *                                      n=5..10: 0.15 down to 0.10)
 * @param unsegmentedNgramScale         factor applied to every n when most units are single characters of
 *                                      unsegmented scripts (Japanese, Chinese, Thai): a Japanese word averages
 *                                      about two characters, so n characters span roughly n/2 words
 * @param allowedLanguages              ISO 639-1 codes to keep ({@code language}); empty keeps every language,
 *                                      including {@code und}
 */
public record FilterConfig(int minChars, int maxChars, double maxSymbolRatio,
                           double maxDuplicateLineFraction, double maxDuplicateLineCharFraction,
                           Map<Integer, Double> maxTopNgramFraction, Map<Integer, Double> maxDuplicateNgramFraction,
                           int unsegmentedNgramScale, Set<String> allowedLanguages) implements Serializable {

    public FilterConfig {
        if (minChars < 0 || maxChars < minChars) {
            throw new IllegalArgumentException("need 0 <= minChars <= maxChars, got " + minChars + ", " + maxChars);
        }
        requireFraction("maxDuplicateLineFraction", maxDuplicateLineFraction);
        requireFraction("maxDuplicateLineCharFraction", maxDuplicateLineCharFraction);
        if (!(maxSymbolRatio >= 0)) {
            throw new IllegalArgumentException("maxSymbolRatio must be >= 0 but was " + maxSymbolRatio);
        }
        if (unsegmentedNgramScale < 1) {
            throw new IllegalArgumentException("unsegmentedNgramScale must be >= 1");
        }
        maxTopNgramFraction = checkedNgramMap("maxTopNgramFraction", maxTopNgramFraction);
        maxDuplicateNgramFraction = checkedNgramMap("maxDuplicateNgramFraction", maxDuplicateNgramFraction);
        allowedLanguages = Set.copyOf(Objects.requireNonNull(allowedLanguages, "allowedLanguages"));
    }

    /** Gopher-like defaults: 50..1,000,000 characters, symbol ratio 0.25, every language allowed. */
    public static FilterConfig defaults() {
        return new FilterConfig(50, 1_000_000, 0.25, 0.30, 0.20,
                Map.of(2, 0.20, 3, 0.18, 4, 0.16),
                Map.of(5, 0.15, 6, 0.14, 7, 0.13, 8, 0.12, 9, 0.11, 10, 0.10),
                2, Set.of());
    }

    /** These thresholds with a language allow-list. */
    public FilterConfig withAllowedLanguages(List<String> languages) {
        return new FilterConfig(minChars, maxChars, maxSymbolRatio, maxDuplicateLineFraction,
                maxDuplicateLineCharFraction, maxTopNgramFraction, maxDuplicateNgramFraction, unsegmentedNgramScale,
                Set.copyOf(languages));
    }

    /** These thresholds with other length bounds (code points). */
    public FilterConfig withLengths(int min, int max) {
        return new FilterConfig(min, max, maxSymbolRatio, maxDuplicateLineFraction, maxDuplicateLineCharFraction,
                maxTopNgramFraction, maxDuplicateNgramFraction, unsegmentedNgramScale, allowedLanguages);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] but was " + value);
        }
    }

    private static Map<Integer, Double> checkedNgramMap(String name, Map<Integer, Double> map) {
        Objects.requireNonNull(map, name);
        map.forEach((n, f) -> {
            if (n < 1) {
                throw new IllegalArgumentException(name + ": n must be >= 1 but was " + n);
            }
            requireFraction(name + "[" + n + "]", f);
        });
        return Map.copyOf(new TreeMap<>(map));
    }
}
