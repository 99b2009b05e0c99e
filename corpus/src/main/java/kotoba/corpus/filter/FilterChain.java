package kotoba.corpus.filter;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The quality filters in a fixed order, cheapest first, so each dropped document is counted under the
 * first rule it breaks: too_short, too_long, language, symbol_ratio, duplicate_lines, repeated_ngrams
 * (see {@link FilterReasons#ALL}). Serializable and thread-safe; build one on the driver and ship it.
 */
public final class FilterChain implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<DocumentFilter> filters;

    private FilterChain(List<DocumentFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    /** The standard chain for a config. */
    public static FilterChain of(FilterConfig config) {
        return new FilterChain(List.of(
                new LengthFilter(config.minChars(), config.maxChars()),
                new LanguageFilter(config.allowedLanguages()),
                new SymbolRatioFilter(config.maxSymbolRatio()),
                new DuplicateLinesFilter(config.maxDuplicateLineFraction(), config.maxDuplicateLineCharFraction()),
                new RepeatedNgramsFilter(config.maxTopNgramFraction(), config.maxDuplicateNgramFraction(),
                        config.unsegmentedNgramScale())));
    }

    /**
     * The reason the first failing filter gives, or empty to keep the document.
     *
     * @param text normalized text
     * @param lang language code from {@code LanguageIdentifier}
     */
    public Optional<String> firstReason(String text, String lang) {
        for (DocumentFilter filter : filters) {
            Optional<String> reason = filter.check(text, lang);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
