package kotoba.corpus.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QualityFiltersTest {

    private static final FilterConfig DEFAULTS = FilterConfig.defaults();
    private static final List<String> PROSE = List.of(Samples.JA, Samples.EN, Samples.JA_NEWS_LIKE);

    @Test
    void everyFilterKeepsOrdinaryEnglishAndJapaneseProse() {
        List<DocumentFilter> filters = List.of(
                new LengthFilter(DEFAULTS.minChars(), DEFAULTS.maxChars()),
                new SymbolRatioFilter(DEFAULTS.maxSymbolRatio()),
                new DuplicateLinesFilter(DEFAULTS.maxDuplicateLineFraction(), DEFAULTS.maxDuplicateLineCharFraction()),
                new RepeatedNgramsFilter(DEFAULTS.maxTopNgramFraction(), DEFAULTS.maxDuplicateNgramFraction(),
                        DEFAULTS.unsegmentedNgramScale()),
                new LanguageFilter(Set.of()));
        for (DocumentFilter filter : filters) {
            for (String text : PROSE) {
                assertEquals(Optional.empty(), filter.check(text, "ja"), filter.getClass().getSimpleName());
            }
        }
    }

    @Test
    void lengthCountsCodePointsSoKanjiAndEmojiAreOneCharacterEach() {
        LengthFilter filter = new LengthFilter(10, 20);
        assertEquals(Optional.of(FilterReasons.TOO_SHORT), filter.check("短い文です。", "ja"));
        assertEquals(Optional.empty(), filter.check("吾輩は猫である。名前はまだ無い。", "ja"), "16 characters, 48 bytes");
        assertEquals(Optional.empty(), filter.check("😀".repeat(20), "und"), "20 code points, 40 UTF-16 units");
        assertEquals(Optional.of(FilterReasons.TOO_LONG), filter.check("😀".repeat(21), "und"));
    }

    @Test
    void symbolRatioDropsMarkupDebrisAndSeparatorRows() {
        SymbolRatioFilter filter = new SymbolRatioFilter(DEFAULTS.maxSymbolRatio());
        assertEquals(Optional.of(FilterReasons.SYMBOL_RATIO),
                filter.check("|---|---|---|\n| a | b | c |\n|===|===|===|\n{{{ }}} <<>> ## ** ##", "und"));
        assertEquals(Optional.of(FilterReasons.SYMBOL_RATIO), filter.check("★☆★☆★ ♪♪♪ 【】【】【】 ！！！？？？ 最高", "ja"));
        assertEquals(Optional.of(FilterReasons.SYMBOL_RATIO), filter.check("!!! ??? ... ---", "und"));
        assertEquals(Optional.empty(), filter.check("2024 1999 31415 27182", "und"), "digits are neither");
        for (String text : PROSE) {
            assertTrue(SymbolRatioFilter.ratio(text) < DEFAULTS.maxSymbolRatio() / 2, "ratio " + SymbolRatioFilter.ratio(text));
        }
    }

    @Test
    void duplicateLinesDropsRepeatedMenusAndRepeatedLongLines() {
        DuplicateLinesFilter filter = new DuplicateLinesFilter(0.30, 0.20);
        String menus = "ホーム\nお知らせ\n会社概要\n" + Samples.JA.replace("\n", "") + "\nホーム\nお知らせ\n会社概要\nホーム\nお知らせ";
        assertEquals(Optional.of(FilterReasons.DUPLICATE_LINES), filter.check(menus, "ja"));

        String longRepeat = Samples.EN.replace("\n", " ");
        String fewButLong = longRepeat + "\nshort one\nshort two\nshort three\nshort four\n" + longRepeat;
        double[] f = DuplicateLinesFilter.fractions(fewButLong);
        assertTrue(f[0] < 0.30 && f[1] > 0.20, "only the character rule fires: " + f[0] + ", " + f[1]);
        assertEquals(Optional.of(FilterReasons.DUPLICATE_LINES), filter.check(fewButLong, "en"));
    }

    @Test
    void repeatedNgramsDropsEnglishAndJapaneseSpam() {
        RepeatedNgramsFilter filter = new RepeatedNgramsFilter(DEFAULTS.maxTopNgramFraction(),
                DEFAULTS.maxDuplicateNgramFraction(), DEFAULTS.unsegmentedNgramScale());
        String englishSpam = "Buy cheap watches online today. ".repeat(12) + Samples.EN;
        String japaneseSpam = "今すぐ無料で登録してポイントを手に入れよう！".repeat(12) + Samples.JA;
        assertEquals(Optional.of(FilterReasons.REPEATED_NGRAMS), filter.check(englishSpam, "en"));
        assertEquals(Optional.of(FilterReasons.REPEATED_NGRAMS), filter.check(japaneseSpam, "ja"));
    }

    @Test
    void topNgramRuleAloneCatchesAShortPhraseRepeatedThroughoutTheText() {
        RepeatedNgramsFilter topOnly = new RepeatedNgramsFilter(Map.of(2, 0.20), Map.of(), 2);
        StringBuilder text = new StringBuilder();
        String[] words = {"river", "stone", "cloud", "field", "lamp", "bread", "horse", "winter", "garden", "glass"};
        for (String w : words) {
            text.append("big sale ").append(w).append(' ');
        }
        RepeatedNgramsFilter.Units units = RepeatedNgramsFilter.Units.of(TextUnits.split(text.toString()).units());
        double expected = 10 * "bigsale".length() / (double) units.totalChars;
        assertEquals(expected, RepeatedNgramsFilter.topNgramFraction(units, 2), 1e-9);
        assertEquals(Optional.of(FilterReasons.REPEATED_NGRAMS), topOnly.check(text.toString(), "en"));
    }

    @Test
    void duplicateNgramFractionCountsEachRepeatedUnitOnce() {
        // "a b c d e" then the same five again: the second copy (5 of 10 units) lies in a repeated 5-gram
        RepeatedNgramsFilter.Units units = RepeatedNgramsFilter.Units.of(
                TextUnits.split("one two three four five one two three four five").units());
        double secondHalf = "onetwothreefourfive".length() / (double) units.totalChars;
        assertEquals(secondHalf, RepeatedNgramsFilter.duplicateNgramFraction(units, 5), 1e-9);
        assertEquals(0.0, RepeatedNgramsFilter.duplicateNgramFraction(units, 6), 1e-9);
    }

    @Test
    void languageAllowListKeepsListedLanguagesAndEmptyListKeepsAll() {
        LanguageFilter jaOnly = new LanguageFilter(Set.of("ja"));
        assertEquals(Optional.empty(), jaOnly.check(Samples.JA, "ja"));
        assertEquals(Optional.of(FilterReasons.LANGUAGE), jaOnly.check(Samples.EN, "en"));
        assertEquals(Optional.of(FilterReasons.LANGUAGE), jaOnly.check("???", "und"));
        assertEquals(Optional.empty(), new LanguageFilter(Set.of()).check("???", "und"));
    }

    @Test
    void chainReportsTheFirstRuleInItsDocumentedOrder() {
        FilterChain chain = FilterChain.of(DEFAULTS.withAllowedLanguages(List.of("en", "ja")));
        assertEquals(Optional.of(FilterReasons.TOO_SHORT), chain.firstReason("!!!", "de"));
        assertEquals(Optional.of(FilterReasons.LANGUAGE), chain.firstReason("#### ".repeat(20), "de"));
        assertEquals(Optional.of(FilterReasons.SYMBOL_RATIO), chain.firstReason("#### ".repeat(20), "en"));
        assertEquals(Optional.of(FilterReasons.DUPLICATE_LINES),
                chain.firstReason((Samples.EN.replace("\n", " ") + "\n").repeat(3), "en"));
        assertEquals(Optional.empty(), chain.firstReason(Samples.JA, "ja"));
        assertEquals(Optional.empty(), chain.firstReason(Samples.JA_NEWS_LIKE, "ja"));
        assertEquals(Optional.empty(), chain.firstReason(Samples.EN, "en"));
        assertEquals(FilterReasons.ALL, List.of("too_short", "too_long", "language", "symbol_ratio",
                "duplicate_lines", "repeated_ngrams"));
    }
}
