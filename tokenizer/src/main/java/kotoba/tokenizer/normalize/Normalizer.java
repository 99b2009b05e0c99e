package kotoba.tokenizer.normalize;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import kotoba.tokenizer.model.NormalizerSpec;

/**
 * spm's text normalizer: charsmap rewriting (longest match), whitespace trimming and collapsing, the dummy prefix,
 * and escaping ' ' as '▁'. Works on UTF-8 bytes so invalid input is handled as spm handles it (each bad byte
 * becomes U+FFFD). Thread-safe; immutable.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81}; // U+2581 '▁'
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}; // U+FFFD

  private final PrecompiledCharsmap charsmap; // null = identity
  private final DoubleArray userDefined; // null = none; these are copied through unnormalized, as in spm
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean treatWhitespaceAsSuffix;

  /**
   * @param userDefinedSymbols pieces of type USER_DEFINED; spm leaves them untouched by the charsmap
   * @throws IllegalArgumentException if the spec's charsmap is broken
   */
  public Normalizer(NormalizerSpec spec, boolean treatWhitespaceAsSuffix, Collection<String> userDefinedSymbols) {
    byte[] blob = spec.precompiledCharsmap();
    this.charsmap = blob.length == 0 ? null : PrecompiledCharsmap.parse(blob);
    this.addDummyPrefix = spec.addDummyPrefix();
    this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
    this.escapeWhitespaces = spec.escapeWhitespaces();
    this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
    this.userDefined = buildMatcher(userDefinedSymbols);
  }

  private static DoubleArray buildMatcher(Collection<String> symbols) {
    if (symbols.isEmpty()) return null;
    byte[][] keys = symbols.stream().distinct().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    return DoubleArrayBuilder.build(keys, new int[keys.length]);
  }

  public String normalize(String text) {
    byte[] out = normalize(Utf8.encode(text));
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Normalizes UTF-8 bytes into new UTF-8 bytes. */
  public byte[] normalize(byte[] in) {
    Out out = new Out(in.length * 3 + 8);
    int n = in.length;
    int pos = 0;
    Prefix p = new Prefix();
    if (removeExtraWhitespaces) {
      while (pos < n) {
        prefix(in, pos, n, p);
        if (!(p.end - p.start == 1 && p.src[p.start] == ' ')) break;
        pos += p.consumed;
      }
    }
    if (pos >= n) return new byte[0];

    if (!treatWhitespaceAsSuffix && addDummyPrefix) addWhitespace(out);

    boolean prevSpace = removeExtraWhitespaces;
    while (pos < n) {
      prefix(in, pos, n, p);
      int s = p.start;
      // A replacement's leading spaces merge into the previous space.
      while (prevSpace && s < p.end && p.src[s] == ' ') s++;
      if (s < p.end) {
        for (int i = s; i < p.end; i++) {
          byte b = p.src[i];
          if (escapeWhitespaces && b == ' ') out.add(SPACE_SYMBOL, 0, 3);
          else out.add(b);
        }
        prevSpace = p.src[p.end - 1] == ' ';
      }
      pos += p.consumed;
      if (!removeExtraWhitespaces) prevSpace = false;
    }

    if (removeExtraWhitespaces) {
      byte[] space = escapeWhitespaces ? SPACE_SYMBOL : new byte[] {' '};
      while (out.endsWith(space)) out.len -= space.length;
    }
    if (treatWhitespaceAsSuffix && addDummyPrefix) addWhitespace(out);
    return java.util.Arrays.copyOf(out.buf, out.len);
  }

  private void addWhitespace(Out out) {
    if (escapeWhitespaces) out.add(SPACE_SYMBOL, 0, 3);
    else out.add((byte) ' ');
  }

  /** Where the replacement of the next input character(s) lives and how many input bytes it consumes. */
  private static final class Prefix {
    byte[] src;
    int start;
    int end;
    int consumed;
  }

  private void prefix(byte[] in, int pos, int n, Prefix p) {
    if (userDefined != null) {
      long m = userDefined.longestPrefix(in, pos, n);
      if (m >= 0) {
        set(p, in, pos, pos + (int) (m >>> 32), (int) (m >>> 32));
        return;
      }
    }
    if (charsmap != null) {
      long m = charsmap.longestMatch(in, pos, n);
      if (m >= 0) {
        byte[] r = charsmap.replacements();
        int off = (int) m;
        int e = off;
        while (e < r.length && r[e] != 0) e++;
        set(p, r, off, e, (int) (m >>> 32));
        return;
      }
    }
    int len = Utf8.validCharLen(in, pos, n);
    if (len == 0) set(p, REPLACEMENT, 0, 3, 1);
    else set(p, in, pos, pos + len, len);
  }

  private static void set(Prefix p, byte[] src, int start, int end, int consumed) {
    p.src = src;
    p.start = start;
    p.end = end;
    p.consumed = consumed;
  }

  private static final class Out {
    byte[] buf;
    int len;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    void add(byte b) {
      if (len == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2 + 8);
      buf[len++] = b;
    }

    void add(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) add(b[i]);
    }

    boolean endsWith(byte[] suffix) {
      if (len < suffix.length) return false;
      for (int i = 0; i < suffix.length; i++) {
        if (buf[len - suffix.length + i] != suffix[i]) return false;
      }
      return true;
    }
  }
}
