package kotoba.tokenizer.train;

import java.io.Serializable;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * Decides whether a string may become a vocabulary piece, by spm's rules (trainer_interface.cc IsValidSentencePiece).
 *
 * <p>spm does not pre-split words by script or digits; it only refuses pieces that would cross such a boundary. That
 * keeps the lattice over the whole whitespace-delimited word, so we do the same: split_by_unicode_script,
 * split_by_number, split_digits, the ▁ position rules and max_sentencepiece_length all live here.
 */
public final class PieceValidator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** spm's whitespace marker. */
  public static final int WS = 0x2581;
  /** spm's marker for characters outside the required set while training; never part of a piece. */
  public static final int UNK_CHAR = 0x2585;

  private static final int ANY_SCRIPT = -1;
  private static final int HAN = Character.UnicodeScript.HAN.ordinal();
  private static final int INHERITED = Character.UnicodeScript.INHERITED.ordinal();

  private final int maxPieceLength;
  private final boolean splitByUnicodeScript;
  private final boolean splitByNumber;
  private final boolean splitDigits;
  private final boolean splitByWhitespace;
  private final boolean whitespaceAsSuffix;
  private final boolean allowWhitespaceOnlyPieces;

  public PieceValidator(TrainerSpec spec) {
    this.maxPieceLength = spec.maxSentencepieceLength();
    this.splitByUnicodeScript = spec.splitByUnicodeScript();
    this.splitByNumber = spec.splitByNumber();
    this.splitDigits = spec.splitDigits();
    this.splitByWhitespace = spec.splitByWhitespace();
    this.whitespaceAsSuffix = spec.treatWhitespaceAsSuffix();
    this.allowWhitespaceOnlyPieces = spec.allowWhitespaceOnlyPieces();
  }

  public int maxPieceLength() {
    return maxPieceLength;
  }

  public boolean isValid(String piece) {
    int[] cps = piece.codePoints().toArray();
    return isValid(cps, 0, cps.length);
  }

  /** Whether code points {@code cps[from, to)} form a valid piece. */
  public boolean isValid(int[] cps, int from, int to) {
    int size = to - from;
    if (size <= 0 || size > maxPieceLength) return false;
    boolean allWhitespace = true;
    for (int i = from; i < to; i++) {
      if (cps[i] != WS) {
        allWhitespace = false;
        break;
      }
    }
    int prevScript = ANY_SCRIPT;
    for (int i = from; i < to; i++) {
      int c = cps[i];
      int pos = i - from;
      if (c == UNK_CHAR || c == 0 || c == '\t' || c == ' ' || !isValidCodePoint(c)) return false;
      if (c == WS) {
        if (!allowWhitespaceOnlyPieces || !allWhitespace) {
          if (whitespaceAsSuffix) {
            if ((splitByWhitespace && pos < size - 1) || (!splitByWhitespace && pos < size - 1 && pos == 0)) {
              return false;
            }
          } else if ((splitByWhitespace && pos > 0) || (!splitByWhitespace && pos > 0 && pos == size - 1)) {
            return false;
          }
        }
        continue;
      }
      int script = script(c, prevScript);
      boolean digit = isDecimalDigit(c);
      if (!splitByNumber && digit) script = ANY_SCRIPT;
      if (splitDigits && digit && size > 1) return false;
      if (splitByUnicodeScript && script != ANY_SCRIPT && prevScript != ANY_SCRIPT && prevScript != script) {
        return false;
      }
      prevScript = script;
    }
    return true;
  }

  /** Script as spm groups them: kana and the prolonged sound mark count as Han, combining marks take their base's. */
  private static int script(int c, int prevScript) {
    int s = c < BMP_SCRIPTS.length ? BMP_SCRIPTS[c] : grouped(c);
    return s == INHERITED ? prevScript : s;
  }

  private static int grouped(int c) {
    if (c == 0x30FC) return HAN;
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA) return HAN;
    return s.ordinal();
  }

  /**
   * {@link #grouped} for the BMP, computed once: UnicodeScript.of is a binary search, and seed counting asks for
   * the script of every code point of every candidate substring.
   */
  private static final short[] BMP_SCRIPTS = bmpScripts();

  private static short[] bmpScripts() {
    short[] t = new short[0x10000];
    for (int c = 0; c < t.length; c++) t[c] = (short) grouped(c);
    return t;
  }

  static boolean isDecimalDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
  }

  static boolean isValidCodePoint(int c) {
    return (c >= 0 && c < 0xD800) || (c >= 0xE000 && c <= 0x10FFFF);
  }
}
