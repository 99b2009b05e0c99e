package kotoba.corpus.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer nfkc = new TextNormalizer(NormalizationForm.NFKC);
    private final TextNormalizer folded = new TextNormalizer(NormalizationForm.NFKC_CF);
    private final TextNormalizer none = new TextNormalizer(NormalizationForm.NONE);

    @Test
    void nfkcFoldsFullWidthAsciiToAscii() {
        assertEquals("ABC xyz 2024!", nfkc.normalize("ＡＢＣ　ｘｙｚ　２０２４！"));
    }

    @Test
    void nfkcTurnsHalfWidthKatakanaIntoFullWidthAndComposesVoicingMarks() {
        assertEquals("カタカナでガギグ", nfkc.normalize("ｶﾀｶﾅでｶﾞｷﾞｸﾞ"));
    }

    @Test
    void nfkcExpandsLigaturesAndCircledDigits() {
        assertEquals("office 1 2 kg", nfkc.normalize("oﬃce ① ② ㎏"));
    }

    @Test
    void casefoldVariantLowercasesExpandsSharpSAndFoldsFinalSigma() {
        assertEquals("die strasse σοφοσ", folded.normalize("Die Straße ΣΟΦΟΣ"));
        assertEquals(folded.normalize("σοφος"), folded.normalize("ΣΟΦΟΣ"));
        assertEquals("file", folded.normalize("ＦＩＬＥ"));
    }

    @Test
    void noneKeepsCompatibilityFormsButStillCleansWhitespace() {
        assertEquals("ＡＢＣ ｶﾀｶﾅ", none.normalize("  ＡＢＣ\u3000\u3000ｶﾀｶﾅ \r\n"));
    }

    @Test
    void crlfAndLoneCrBecomeNewlinesAndBlankRunsCollapseToOneBlankLine() {
        assertEquals("one\ntwo\n\nthree\nfour", nfkc.normalize("\r\n one \r\ntwo\r\n\r\n\r\n\r\nthree\rfour\n\n\n"));
    }

    @Test
    void nbspAndOtherUnicodeSpacesBecomeOneAsciiSpace() {
        assertEquals("a b c d", none.normalize("a\u00A0\u00A0b\u2003c\u202Fd"));
    }

    @Test
    void controlsZeroWidthCharactersAndBomAreDroppedButTabsAndJoinersStay() {
        String input = "\uFEFFstart\u0007\u200Bmid\u00ADdle\u0085next\tcol\u0000 emoji\u200D!";
        assertEquals("startmiddle\nnext\tcol emoji\u200D!", nfkc.normalize(input));
    }

    @Test
    void unpairedSurrogatesAreDropped() {
        assertEquals("ab😀", nfkc.normalize("a\uD800b\uD83D\uDE00"));
    }

    @Test
    void japaneseProseIsUnchangedByNfkc() {
        String prose = "春になると、川沿いの道に桜が咲く。\n私は毎朝そこを歩いて駅に向かう。";
        assertEquals(prose, nfkc.normalize(prose));
    }

    @Test
    void normalizingTwiceChangesNothing() {
        String[] inputs = {"e\u200B\u0301", "ｶﾞ\u3000 x\r\n\r\n\r\ny", "Ａ\u00A0\u200B\u0308", " \t tab\t end\t \n"};
        for (TextNormalizer normalizer : new TextNormalizer[]{nfkc, folded, none}) {
            for (String input : inputs) {
                String once = normalizer.normalize(input);
                assertEquals(once, normalizer.normalize(once), normalizer.form() + " on " + input);
            }
        }
        assertEquals("é", nfkc.normalize("e\u200B\u0301"));
    }

    @Test
    void formNamesFromConfigParse() {
        assertEquals(NormalizationForm.NFKC_CF, NormalizationForm.parse("nfkc_cf"));
        assertEquals(NormalizationForm.NONE, NormalizationForm.parse("NONE"));
    }
}
