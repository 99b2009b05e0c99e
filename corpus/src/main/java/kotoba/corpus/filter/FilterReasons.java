package kotoba.corpus.filter;

import java.util.List;

/** Stable drop-reason keys reported by the filters, in the order {@link FilterChain} applies them. */
public final class FilterReasons {

    public static final String TOO_SHORT = "too_short";
    public static final String TOO_LONG = "too_long";
    public static final String LANGUAGE = "language";
    public static final String SYMBOL_RATIO = "symbol_ratio";
    public static final String DUPLICATE_LINES = "duplicate_lines";
    public static final String REPEATED_NGRAMS = "repeated_ngrams";

    /** Every key, in chain order, so a manifest can list zero counts too. */
    public static final List<String> ALL =
            List.of(TOO_SHORT, TOO_LONG, LANGUAGE, SYMBOL_RATIO, DUPLICATE_LINES, REPEATED_NGRAMS);

    private FilterReasons() {
    }
}
