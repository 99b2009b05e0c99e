package kotoba.corpus.filter;

import java.util.Optional;

/** Drops documents shorter or longer than the configured number of code points ({@code too_short}/{@code too_long}). */
public final class LengthFilter implements DocumentFilter {

    private static final long serialVersionUID = 1L;

    private final int minChars;
    private final int maxChars;

    public LengthFilter(int minChars, int maxChars) {
        this.minChars = minChars;
        this.maxChars = maxChars;
    }

    /** Counts code points, not UTF-16 units or bytes, so one kanji or one emoji is one character. */
    @Override
    public Optional<String> check(String text, String lang) {
        if (text.length() < minChars || text.codePointCount(0, text.length()) < minChars) {
            return Optional.of(FilterReasons.TOO_SHORT);
        }
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            return Optional.of(FilterReasons.TOO_LONG);
        }
        return Optional.empty();
    }
}
