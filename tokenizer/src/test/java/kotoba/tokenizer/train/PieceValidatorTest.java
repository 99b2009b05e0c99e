package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class PieceValidatorTest {
  private static PieceValidator validator(java.util.function.UnaryOperator<TrainerSpec.Builder> f) {
    return new PieceValidator(f.apply(TrainerSpec.defaults().toBuilder()).build());
  }

  private final PieceValidator defaults = validator(b -> b);

  @Test
  void whitespaceMarkerMayOnlyStartAPieceByDefault() {
    assertTrue(defaults.isValid("▁hello"));
    assertFalse(defaults.isValid("he▁llo"));
    assertFalse(defaults.isValid("hello▁"));
    assertFalse(defaults.isValid("▁▁"));
    assertTrue(validator(b -> b.allowWhitespaceOnlyPieces(true)).isValid("▁▁"));
  }

  @Test
  void suffixModeMovesTheMarkerToTheEnd() {
    PieceValidator v = validator(b -> b.treatWhitespaceAsSuffix(true));
    assertTrue(v.isValid("hello▁"));
    assertFalse(v.isValid("▁hello"));
  }

  @Test
  void piecesDoNotCrossScriptsButKanaCountsAsHan() {
    assertFalse(defaults.isValid("abc東京"));
    assertTrue(defaults.isValid("東京へ行きます"));
    assertTrue(defaults.isValid("コーヒー"));
    assertTrue(validator(b -> b.splitByUnicodeScript(false)).isValid("abc東京"));
  }

  @Test
  void digitsSplitFromLettersUnlessSplitByNumberIsOff() {
    assertFalse(defaults.isValid("abc1"));
    assertTrue(defaults.isValid("2024"));
    assertTrue(validator(b -> b.splitByNumber(false)).isValid("abc1"));
  }

  @Test
  void splitDigitsAllowsOnlySingleDigitPieces() {
    PieceValidator v = validator(b -> b.splitDigits(true));
    assertTrue(v.isValid("7"));
    assertFalse(v.isValid("12"));
    assertFalse(v.isValid("▁7"));
  }

  @Test
  void lengthUnknownMarkerAndSpacesAreRejected() {
    PieceValidator v = validator(b -> b.maxSentencepieceLength(4));
    assertTrue(v.isValid("abcd"));
    assertFalse(v.isValid("abcde"));
    assertFalse(defaults.isValid("a\u2585"));
    assertFalse(defaults.isValid("a b"));
    assertFalse(defaults.isValid(""));
  }
}
