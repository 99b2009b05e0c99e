package kotoba.corpus.normalize;

import java.util.Locale;

/** Which Unicode normalization {@link TextNormalizer} applies before cleaning whitespace and controls. */
public enum NormalizationForm {
    /** NFKC: folds full-width ASCII, half-width katakana, ligatures and other compatibility forms. */
    NFKC,
    /** NFKC followed by case folding (approximated with the JDK, see {@link TextNormalizer}), then NFKC again. */
    NFKC_CF,
    /** No Unicode normalization; only the whitespace and control cleanup runs. */
    NONE;

    /** Parses a config value: {@code nfkc}, {@code nfkc_cf} (or {@code nfkc_casefold}), {@code none}. */
    public static NormalizationForm parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "nfkc" -> NFKC;
            case "nfkc_cf", "nfkc_casefold" -> NFKC_CF;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException(
                    "unknown normalization '" + name + "' (expected nfkc, nfkc_cf or none)");
        };
    }
}
