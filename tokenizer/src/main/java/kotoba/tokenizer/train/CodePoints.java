package kotoba.tokenizer.train;

/** A string's code points as an array, by a plain loop: String.codePoints().toArray() builds a stream per call. */
final class CodePoints {
  private CodePoints() {}

  static int[] of(String s) {
    int n = s.length();
    int[] out = new int[n];
    int m = 0;
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out[m++] = Character.toCodePoint(c, s.charAt(i + 1));
        i += 2;
      } else {
        out[m++] = c;
        i++;
      }
    }
    return m == n ? out : java.util.Arrays.copyOf(out, m);
  }
}
