package kotoba.tokenizer.train;

import java.util.Comparator;

/** Orders strings by code point, which is spm's order (bytewise UTF-8) and differs from {@link String#compareTo}. */
final class CodePointOrder {
  static final Comparator<String> INSTANCE = CodePointOrder::compare;

  private CodePointOrder() {}

  /**
   * UTF-16 order is code-point order except where a surrogate meets a BMP character at or above U+E000: the surrogate
   * stands for a code point above U+FFFF, so it must sort after. Only the first differing char decides, so that is the
   * only place to correct (ICU's code-point-order fix-up), and the scan stays a plain char loop.
   */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) return fixUp(ca) - fixUp(cb);
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, keeping every other order. */
  private static int fixUp(char c) {
    if (c < 0xD800) return c;
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
