package kotoba.corpus.filter;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the units that repetition rules count: words for scripts written with spaces, single
 * characters for scripts written without them (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan),
 * so that Japanese and Chinese get meaningful n-grams without a segmenter. Punctuation, symbols and
 * whitespace separate units and are not units themselves.
 */
public final class TextUnits {

    private TextUnits() {
    }

    /**
     * The units of a text.
     *
     * @param units        the units in order
     * @param unsegmented  how many of them are single characters of an unsegmented script
     */
    public record Split(List<String> units, int unsegmented) {

        /** True if most units are unsegmented-script characters, i.e. the text reads like Japanese or Chinese. */
        public boolean mostlyUnsegmented() {
            return unsegmented * 2 > units.size();
        }
    }

    public static Split split(String text) {
        List<String> units = new ArrayList<>();
        int unsegmented = 0;
        int wordStart = -1;
        boolean afterUnsegmented = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (afterUnsegmented && isMark(cp)) {
                // Thai vowel signs and tone marks belong to the character before them.
                int last = units.size() - 1;
                units.set(last, units.get(last) + text.substring(i, next));
                i = next;
                continue;
            }
            afterUnsegmented = false;
            if (isUnsegmented(cp)) {
                if (wordStart >= 0) {
                    units.add(text.substring(wordStart, i));
                    wordStart = -1;
                }
                units.add(text.substring(i, next));
                unsegmented++;
                afterUnsegmented = true;
            } else if (Character.isLetterOrDigit(cp) || isMark(cp)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0 && !isInWordPunctuation(text, i, cp)) {
                units.add(text.substring(wordStart, i));
                wordStart = -1;
            }
            i = next;
        }
        if (wordStart >= 0) {
            units.add(text.substring(wordStart));
        }
        return new Split(units, unsegmented);
    }

    /** Apostrophes and hyphens between letters stay inside a word: "don't", "well-known". */
    private static boolean isInWordPunctuation(String text, int i, int cp) {
        if (cp != '\'' && cp != '\u2019' && cp != '-') {
            return false;
        }
        int after = i + 1;
        return after < text.length() && Character.isLetterOrDigit(text.codePointAt(after));
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isUnsegmented(int cp) {
        if (cp == 0x30FC || cp == 0xFF70) {
            return true; // the katakana length mark is script Common but is part of katakana words
        }
        if (!Character.isLetter(cp)) {
            return false;
        }
        UnicodeScript script = UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
            default -> false;
        };
    }
}
