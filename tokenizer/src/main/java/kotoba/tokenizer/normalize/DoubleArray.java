package kotoba.tokenizer.normalize;

import java.io.Serializable;

/**
 * A read-only darts-clone double-array trie over bytes, the format inside spm's precompiled charsmap; also used
 * as kotoba's own piece dictionary.
 *
 * <p>Each 32-bit unit holds a label (low 8 bits, with bit 31 set on leaf units so they never match a label), a
 * has-leaf flag (bit 8) and an offset (bits 10..30, scaled by 256 when bit 9 is set). A child of node {@code n}
 * for byte {@code b} lives at {@code n ^ offset(n) ^ b}; a node's value lives at {@code n ^ offset(n)}. Walking is
 * allocation-free: callers hold node positions as ints. Every index is bounds-checked, so a corrupt array yields
 * "no match" instead of an exception.
 */
public final class DoubleArray implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The node position of the root. */
  public static final int ROOT = 0;

  private final int[] units;

  public DoubleArray(int[] units) {
    this.units = units.length == 0 ? new int[] {0} : units;
  }

  /** Reads {@code count} little-endian units from {@code blob} at {@code offset}. */
  public static DoubleArray fromBytes(byte[] blob, int offset, int count) {
    int[] u = new int[count];
    for (int i = 0; i < count; i++) {
      int p = offset + 4 * i;
      u[i] = (blob[p] & 0xFF) | (blob[p + 1] & 0xFF) << 8 | (blob[p + 2] & 0xFF) << 16 | (blob[p + 3] & 0xFF) << 24;
    }
    return new DoubleArray(u);
  }

  public int size() {
    return units.length;
  }

  int[] units() {
    return units;
  }

  private static int offset(int unit) {
    return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
  }

  /** The child of {@code node} along byte {@code b} (0..255), or -1 if there is none. */
  public int next(int node, int b) {
    int p = node ^ offset(units[node]) ^ b;
    if (p < 0 || p >= units.length) return -1;
    return (units[p] & 0x800000FF) == b ? p : -1;
  }

  /** The value stored for the key ending at {@code node}, or -1 if no key ends there. */
  public int value(int node) {
    int u = units[node];
    if (((u >>> 8) & 1) == 0) return -1;
    int p = node ^ offset(u);
    if (p < 0 || p >= units.length) return -1;
    return units[p] & 0x7FFFFFFF;
  }

  /** The value of exactly {@code key[from, to)}, or -1. */
  public int exactMatch(byte[] key, int from, int to) {
    int node = ROOT;
    for (int i = from; i < to && node >= 0; i++) node = next(node, key[i] & 0xFF);
    return node < 0 ? -1 : value(node);
  }

  /**
   * The longest key that is a prefix of {@code key[from, to)}, packed as {@code (long) length << 32 | value},
   * or -1 if no key is a prefix.
   */
  public long longestPrefix(byte[] key, int from, int to) {
    long best = -1;
    int node = ROOT;
    for (int i = from; i < to; i++) {
      node = next(node, key[i] & 0xFF);
      if (node < 0) break;
      int v = value(node);
      if (v >= 0) best = (long) (i + 1 - from) << 32 | v;
    }
    return best;
  }
}
