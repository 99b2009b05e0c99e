package kotoba.corpus.filter;

import java.io.Serializable;
import java.util.Optional;

/** One quality rule over a normalized document: the reason to drop it, or empty to keep it. */
public interface DocumentFilter extends Serializable {

    /**
     * Checks one document.
     *
     * @param text normalized document text
     * @param lang ISO 639-1 code from {@code LanguageIdentifier}, or {@code und}
     * @return the drop reason, or empty to keep the document
     */
    Optional<String> check(String text, String lang);
}
