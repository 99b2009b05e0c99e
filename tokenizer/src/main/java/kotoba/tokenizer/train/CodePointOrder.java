package kotoba.tokenizer.train;

import java.util.Comparator;

/** Orders strings by code point, which is spm's order (bytewise UTF-8) and differs from {@link String#compareTo}. */
final class CodePointOrder {
  static final Comparator<String> INSTANCE = CodePointOrder::compare;

  private CodePointOrder() {}

  static int compare(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i), cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
