package kotoba.corpus.filter;

import java.util.Optional;
import java.util.Set;

/** Keeps only documents whose language is on an allow-list ({@code language}); an empty list keeps all. */
public final class LanguageFilter implements DocumentFilter {

    private static final long serialVersionUID = 1L;

    private final Set<String> allowed;

    public LanguageFilter(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** With a non-empty list, {@code und} is dropped unless the list names it. */
    @Override
    public Optional<String> check(String text, String lang) {
        if (allowed.isEmpty() || allowed.contains(lang)) {
            return Optional.empty();
        }
        return Optional.of(FilterReasons.LANGUAGE);
    }
}
