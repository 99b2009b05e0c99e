package kotoba.corpus.filter;

import java.util.Optional;

/**
 * Drops documents with too many symbols and punctuation per letter ({@code symbol_ratio}): markup debris,
 * tables of numbers and separators, emoji spam. Counting by Unicode category makes Japanese punctuation
 * (、。「」) count like ASCII punctuation and kana and kanji count as letters.
 */
public final class SymbolRatioFilter implements DocumentFilter {

    private static final long serialVersionUID = 1L;

    private final double maxRatio;

    public SymbolRatioFilter(double maxRatio) {
        this.maxRatio = maxRatio;
    }

    @Override
    public Optional<String> check(String text, String lang) {
        return ratio(text) > maxRatio ? Optional.of(FilterReasons.SYMBOL_RATIO) : Optional.empty();
    }

    /**
     * Symbol and punctuation code points (categories S* and P*) per letter (L* and M*, marks included so
     * that Indic vowel signs count as part of their letters). Digits and spaces count as neither. Infinite
     * when there are symbols but no letters; 0 when there are neither.
     */
    static double ratio(String text) {
        long symbols = 0;
        long letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (Character.getType(cp)) {
                case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                        Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                        Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> letters++;
                case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                        Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> symbols++;
                default -> {
                }
            }
        }
        if (letters == 0) {
            return symbols == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return symbols / (double) letters;
    }
}
