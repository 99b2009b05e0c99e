package kotoba.corpus.lang;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import com.google.common.base.Optional;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/**
 * Identifies the language of a text as an ISO 639-1 code ({@code en}, {@code ja}, {@code zh}, ...) or
 * {@link #UNDETERMINED}, using optimaize language-detector's 70 built-in profiles.
 *
 * <p>The profiles (tens of MB on the heap) are loaded once per JVM, lazily, on first use; instances are
 * tiny, serializable and thread-safe, so a Spark closure can capture one. Results are deterministic: the
 * detector's sampling uses a fixed seed.
 */
public final class LanguageIdentifier implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The code for texts that are too short or too ambiguous to call. */
    public static final String UNDETERMINED = "und";

    /** Default minimum number of letters before a guess is made; below it the n-gram evidence is too thin. */
    public static final int DEFAULT_MIN_LETTERS = 10;

    /**
     * Only this many leading UTF-16 chars are looked at: detection cost grows with length while a couple
     * of thousand characters already decide the language of all but mixed-language documents.
     */
    public static final int MAX_CHARS = 2000;

    private final int minLetters;

    /** @param minLetters texts with fewer letters (Unicode L* code points) than this are {@link #UNDETERMINED} */
    public LanguageIdentifier(int minLetters) {
        if (minLetters < 1) {
            throw new IllegalArgumentException("minLetters must be positive but was " + minLetters);
        }
        this.minLetters = minLetters;
    }

    public LanguageIdentifier() {
        this(DEFAULT_MIN_LETTERS);
    }

    /**
     * The ISO 639-1 code of the most likely language of the first {@link #MAX_CHARS} characters, or
     * {@code und} when there are too few letters or no language is confident enough. Region variants are
     * dropped (zh-TW is zh).
     */
    public String identify(String text) {
        if (countLetters(text, minLetters) < minLetters) {
            return UNDETERMINED;
        }
        Optional<LdLocale> locale = Detector.INSTANCE.detect(Detector.TEXTS.forText(prefix(text)));
        if (!locale.isPresent()) {
            return UNDETERMINED;
        }
        return locale.get().getLanguage().toLowerCase(Locale.ROOT);
    }

    private static String prefix(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    private static int countLetters(String text, int enough) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < enough; ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
            }
            i += Character.charCount(cp);
        }
        return letters;
    }

    /** Holder idiom: the JVM loads the profiles on first access, exactly once, without locking afterwards. */
    private static final class Detector {
        private static final long SEED = 41L;
        static final LanguageDetector INSTANCE = build();
        /** Strips URLs and e-mail addresses and caps the text looked at, which keeps long documents cheap. */
        static final TextObjectFactory TEXTS = CommonTextObjectFactories.forDetectingOnLargeText();

        private static LanguageDetector build() {
            try {
                List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
                return LanguageDetectorBuilder.create(NgramExtractors.standard())
                        .withProfiles(profiles)
                        .seed(SEED)
                        .build();
            } catch (IOException e) {
                throw new IllegalStateException("cannot load the built-in language profiles", e);
            }
        }
    }
}
