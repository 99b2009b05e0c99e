package kotoba.tokenizer.normalize;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers with spm's exact rules for character length and validity. */
public final class Utf8 {
  private Utf8() {}

  /** spm's OneCharLen: the length implied by the lead byte alone (1 for stray continuation bytes). */
  public static int charLen(byte lead) {
    int hi = (lead & 0xFF) >>> 4;
    return hi < 0xC ? 1 : hi < 0xE ? 2 : hi == 0xE ? 3 : 4;
  }

  /**
   * Length of the valid UTF-8 character at {@code s[i]}, or 0 if the bytes there are malformed (spm then
   * consumes one byte and emits U+FFFD). Like spm, surrogates, overlong forms and values above U+10FFFF are
   * malformed.
   */
  public static int validCharLen(byte[] s, int i, int end) {
    int b0 = s[i] & 0xFF;
    int len = end - i;
    if (b0 < 0x80) return 1;
    if (len >= 2 && (b0 & 0xE0) == 0xC0) {
      int cp = (b0 & 0x1F) << 6 | (s[i + 1] & 0x3F);
      return trail(s[i + 1]) && cp >= 0x80 ? 2 : 0;
    }
    if (len >= 3 && (b0 & 0xF0) == 0xE0) {
      int cp = (b0 & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
      return trail(s[i + 1]) && trail(s[i + 2]) && cp >= 0x800 && validCodepoint(cp) ? 3 : 0;
    }
    if (len >= 4 && (b0 & 0xF8) == 0xF0) {
      int cp = (b0 & 0x07) << 18 | (s[i + 1] & 0x3F) << 12 | (s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
      return trail(s[i + 1]) && trail(s[i + 2]) && trail(s[i + 3]) && cp >= 0x10000 && validCodepoint(cp) ? 4 : 0;
    }
    return 0;
  }

  private static boolean trail(byte b) {
    return (b & 0xC0) == 0x80;
  }

  private static boolean validCodepoint(int cp) {
    return cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF);
  }

  /**
   * Encodes a Java string as UTF-8. Unpaired surrogates, which UTF-8 cannot carry, become U+FFFD, the same
   * thing spm makes of bytes it cannot decode.
   */
  public static byte[] encode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    // Java writes '?' (one byte) for an unpaired surrogate, so a length mismatch reveals one.
    return b.length == utf8Length(s) ? b : replaceLoneSurrogates(s).getBytes(StandardCharsets.UTF_8);
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  private static String replaceLoneSurrogates(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\uFFFD');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  public static String decode(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }
}
