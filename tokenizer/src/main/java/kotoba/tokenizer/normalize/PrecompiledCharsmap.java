package kotoba.tokenizer.normalize;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * spm's precompiled normalization table: {@code <uint32 LE trie byte size><darts-clone trie><replacements>}, where
 * the trie maps a UTF-8 source string to the offset of its NUL-terminated replacement.
 */
public final class PrecompiledCharsmap implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DoubleArray trie;
  private final byte[] replacements;

  private PrecompiledCharsmap(DoubleArray trie, byte[] replacements) {
    this.trie = trie;
    this.replacements = replacements;
  }

  /** Parses a blob; throws IllegalArgumentException with spm's reason when the blob is broken. */
  public static PrecompiledCharsmap parse(byte[] blob) {
    if (blob.length <= 4) throw new IllegalArgumentException("normalization rule blob is broken: " + blob.length + " bytes");
    long trieSize = (blob[0] & 0xFFL) | (blob[1] & 0xFFL) << 8 | (blob[2] & 0xFFL) << 16 | (blob[3] & 0xFFL) << 24;
    if (trieSize + 4 > blob.length) {
      throw new IllegalArgumentException("normalization rule blob is broken: trie size " + trieSize
          + " does not fit in " + blob.length + " bytes");
    }
    int units = (int) (trieSize / 4);
    DoubleArray trie = DoubleArray.fromBytes(blob, 4, units);
    byte[] repl = java.util.Arrays.copyOfRange(blob, 4 + (int) trieSize, blob.length);
    return new PrecompiledCharsmap(trie, repl);
  }

  /**
   * The longest rule matching a prefix of {@code s[from, to)}, packed as {@code (long) sourceLength << 32 |
   * replacementOffset}, or -1. The replacement is {@link #replacements()} from the offset up to the next NUL.
   */
  long longestMatch(byte[] s, int from, int to) {
    long m = trie.longestPrefix(s, from, to);
    if (m < 0) return -1;
    int value = (int) m;
    // A value pointing outside the table would make spm read garbage; treat such a rule as absent.
    return value < replacements.length ? m : -1;
  }

  byte[] replacements() {
    return replacements;
  }

  /** Builds a blob mapping each source string to its replacement (an empty replacement deletes the source). */
  public static byte[] build(Map<String, String> rules) {
    TreeMap<String, String> sorted = new TreeMap<>(rules);
    ByteArrayOutputStream repl = new ByteArrayOutputStream();
    Map<String, Integer> offsets = new java.util.HashMap<>();
    byte[][] keys = new byte[sorted.size()][];
    int[] values = new int[sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      // Identical replacements share one copy, which shrinks the NFKC table several-fold.
      Integer off = offsets.get(e.getValue());
      if (off == null) {
        off = repl.size();
        offsets.put(e.getValue(), off);
        repl.writeBytes(e.getValue().getBytes(StandardCharsets.UTF_8));
        repl.write(0);
      }
      values[i++] = off;
    }
    int[] units = DoubleArrayBuilder.build(keys, values).units();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 + units.length * 4 + repl.size());
    writeLe(out, units.length * 4);
    for (int u : units) writeLe(out, u);
    out.writeBytes(repl.toByteArray());
    return out.toByteArray();
  }

  private static void writeLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
