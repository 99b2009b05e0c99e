package kotoba.corpus.normalize;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/** Normalizes record text for the docs table: Unicode form first, then {@link TextCleanup}. Thread-safe. */
public final class TextNormalizer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NormalizationForm form;

    public TextNormalizer(NormalizationForm form) {
        this.form = Objects.requireNonNull(form, "form");
    }

    public NormalizationForm form() {
        return form;
    }

    /**
     * The normalized text. Cleanup runs before the Unicode form too, because dropping an invisible
     * character can bring a base letter and a combining mark together that NFKC must then compose; with
     * that, normalizing twice changes nothing, which keeps document ids stable when text is re-normalized.
     */
    public String normalize(String text) {
        return switch (form) {
            case NFKC -> TextCleanup.clean(Normalizer.normalize(TextCleanup.clean(text), Normalizer.Form.NFKC));
            case NFKC_CF -> TextCleanup.clean(caseFoldedNfkc(TextCleanup.clean(text)));
            case NONE -> TextCleanup.clean(text);
        };
    }

    /**
     * The JDK has no Unicode case folding, so fold is approximated as upper-then-lower case in the root
     * locale: that expands {@code ß} to {@code ss} like full folding does, and final sigma is mapped to
     * sigma afterwards because folding ignores position. Rare differences from ICU's NFKC_Casefold remain
     * (Cherokee, dotless i, and ICU's removal of default-ignorable characters beyond those TextCleanup drops).
     */
    private static String caseFoldedNfkc(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('\u03C2', '\u03C3');
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
}
