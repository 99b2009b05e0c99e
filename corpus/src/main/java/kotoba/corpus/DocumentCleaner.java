package kotoba.corpus;

import java.util.Optional;
import kotoba.corpus.dedup.DocumentId;
import kotoba.corpus.filter.FilterChain;
import kotoba.corpus.filter.FilterConfig;
import kotoba.corpus.lang.LanguageIdentifier;
import kotoba.corpus.normalize.NormalizationForm;
import kotoba.corpus.normalize.TextNormalizer;

/** The per-record path of the corpus stage: normalize, tag the language, apply the filters in order. */
public final class DocumentCleaner implements DocumentProcessor {
  /**
   * Language id looks at the first characters only: the answer rarely changes past a thousand characters,
   * and its cost grows with the text.
   */
  static final int LANG_ID_PREFIX_CHARS = 1000;

  private final TextNormalizer normalizer;
  private final LanguageIdentifier languages;
  private final FilterChain filters;

  public DocumentCleaner(NormalizationForm form, int langMinLetters, FilterConfig filters) {
    this.normalizer = new TextNormalizer(form);
    this.languages = new LanguageIdentifier(langMinLetters);
    this.filters = FilterChain.of(filters);
  }

  @Override
  public RecordOutcome process(String source, String file, long offset, String rawText) {
    String text = normalizer.normalize(rawText);
    String id = DocumentId.of(text);
    String lang = languages.identify(prefix(text));
    Optional<String> reason = filters.firstReason(text, lang);
    return reason.isPresent()
        ? RecordOutcome.dropped(source, file, offset, reason.get(), id, lang)
        : RecordOutcome.kept(source, file, offset, id, text, lang);
  }

  private static String prefix(String text) {
    if (text.length() <= LANG_ID_PREFIX_CHARS) return text;
    int end = LANG_ID_PREFIX_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return text.substring(0, end);
  }
}
